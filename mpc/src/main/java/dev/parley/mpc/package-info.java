/** Errors shared by every layer of the MPC engine: unreachable parties, protocol violations, program mismatches.
 *  Must not depend on any other Parley package or on networking. */
package dev.parley.mpc;
