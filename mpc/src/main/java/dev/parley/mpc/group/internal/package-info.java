/** Implementation details of MPC groups (JSON fields of group messages, the round counter); not for callers.
 *  Must not depend on the CLI or on a mediator's server code. */
package dev.parley.mpc.group.internal;
