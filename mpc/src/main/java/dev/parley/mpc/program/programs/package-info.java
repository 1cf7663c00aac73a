/** Demo programs, each checked against plaintext in tests: sum/average, maximum with its holder, yes/no vote,
 *  secret santa, and the benchmark workload. Depend on the engine and program model only. */
package dev.parley.mpc.program.programs;
