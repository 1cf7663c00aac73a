/** report-problem 2.0: the problem-report message, static comments per descriptor, and its handler.
 *  Depends on the protocol dispatcher types and the message model only. */
package dev.parley.didcomm.protocol.reportproblem;
