/** The {@code serve} command (mounted by the CLI as {@code parley mediator serve}) and the runnable jar's
 *  main class. Only parses options, starts the mediator and prints; no protocol logic. */
package dev.parley.mediator.cli;
