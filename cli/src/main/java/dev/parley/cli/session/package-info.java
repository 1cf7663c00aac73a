/** {@code parley listen} and {@code parley join}: meet through a link, upgrade to a session, pipe stdin/stdout.
 *  Must not depend on the mediator's server code (it talks to a mediator only over DIDComm and HTTP). */
package dev.parley.cli.session;
