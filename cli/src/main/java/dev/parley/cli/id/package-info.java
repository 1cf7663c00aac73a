/**
 * {@code parley id ...}: create, list, show, export, import and delete identities in the keystore.
 * Thin commands over {@code dev.parley.did.keystore}; no key handling of their own.
 */
package dev.parley.cli.id;
