/**
 * {@code parley demo}: the README's first command, showing end to end what Parley can do on this machine
 * with throwaway identities. It grows with each capability.
 */
package dev.parley.cli.demo;
