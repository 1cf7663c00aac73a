/** MPC groups over sessions: the group invitation, the join protocol with its signed roster, the full mesh of sessions
 *  and the run. Depends on the session and DIDComm stack and the program model; never on the engine's internals or the CLI. */
package dev.parley.mpc.group;
