/** {@code parley mpc ...}: thin commands over the {@code dev.parley.mpc} engine and its programs. */
package dev.parley.cli.mpc;
