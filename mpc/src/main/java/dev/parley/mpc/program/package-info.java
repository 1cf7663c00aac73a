/** The program model: descriptors, fingerprints, the registry and the runner that checks every party runs the same
 *  program before any input is shared. Depends on the engine and the Transport contract, never on a concrete transport. */
package dev.parley.mpc.program;
