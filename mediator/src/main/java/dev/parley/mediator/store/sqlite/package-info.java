/** The SQLite backend of {@link dev.parley.mediator.store.MediatorStore}: WAL, fsync on commit, group
 *  commit on one writer thread, versioned migrations. Must not depend on Jetty, DIDComm or protocols. */
package dev.parley.mediator.store.sqlite;
