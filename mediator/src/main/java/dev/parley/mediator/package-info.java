/** The DIDComm v2 mediator service: its configuration, its lifecycle and the URLs it answers on.
 *  Must not depend on the CLI or on MPC; protocols and storage sit in sub-packages behind interfaces. */
package dev.parley.mediator;
