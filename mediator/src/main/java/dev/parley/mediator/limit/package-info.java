/** The mediator's configurable bounds and admission control (per-client request rates, bounded memory).
 *  Must not depend on Jetty, storage or protocols. */
package dev.parley.mediator.limit;
