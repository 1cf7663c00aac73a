/** Prime fields for Shamir sharing: a long-based fast path for 2^61-1, a BigInteger path for larger primes, and the
 *  rule that picks a field for secure integers. Must not depend on the engine, transports or programs. */
package dev.parley.mpc.field;
