/** {@code parley did ...}: resolve DIDs to their documents. No keystore access. */
package dev.parley.cli.did;
