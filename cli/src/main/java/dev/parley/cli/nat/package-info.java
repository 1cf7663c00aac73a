/** {@code parley stun serve} and {@code parley nat check}: thin commands over {@code dev.parley.nat}. */
package dev.parley.cli.nat;
