/** The MPC runtime: lock-step rounds over a Transport, vectorised share arithmetic, multiplication with degree
 *  reduction, openings, PRSS randomness, random bits, comparisons. Must not depend on programs or concrete transports. */
package dev.parley.mpc.engine;
