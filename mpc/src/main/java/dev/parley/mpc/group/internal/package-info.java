/** Implementation details of MPC groups (the session mesh's transport, canonical encodings); not for callers.
 *  Must not depend on the CLI or on a mediator's server code. */
package dev.parley.mpc.group.internal;
