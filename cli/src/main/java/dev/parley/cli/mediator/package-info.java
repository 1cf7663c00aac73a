/** {@code parley mediator serve|status}: run a mediator, or ask one what it knows of us. */
package dev.parley.cli.mediator;
