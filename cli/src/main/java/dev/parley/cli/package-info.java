/**
 * The {@code parley} command line: argument parsing, one-line errors and exit codes.
 * Commands are thin: they parse, call a module's API and print; no protocol logic lives here.
 */
package dev.parley.cli;
