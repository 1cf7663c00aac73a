/** The client of a DIDComm mediator: mediation, keylist, sending through forward, pickup by polling and live
 *  over WebSocket, with retries that never hand the application a message twice. Must not depend on the
 *  mediator server module, MPC or the CLI. */
package dev.parley.didcomm.mediator;
