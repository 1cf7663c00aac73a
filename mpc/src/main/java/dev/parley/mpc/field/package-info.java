/** Prime fields for Shamir sharing: long-based fast paths for 2^61-1 and for 65- to 127-bit pseudo-Mersenne primes, a
 *  BigInteger path beyond, and the rule that picks a field for secure integers. Must not depend on the engine,
 *  transports or programs. */
package dev.parley.mpc.field;
