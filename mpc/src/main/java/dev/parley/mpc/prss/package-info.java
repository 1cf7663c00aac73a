/** Pseudo-random secret sharing (Cramer-Damgard-Ishai): replicated AES keys per maximal unqualified set give shares of
 *  random values and of zero without communication. Depends only on the field package, never on transports. */
package dev.parley.mpc.prss;
