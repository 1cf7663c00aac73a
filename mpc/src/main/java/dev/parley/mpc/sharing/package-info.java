/** Shamir secret sharing over a PrimeField: share vectors, precomputed Vandermonde powers and Lagrange coefficients.
 *  Must not depend on the engine, transports or programs. */
package dev.parley.mpc.sharing;
