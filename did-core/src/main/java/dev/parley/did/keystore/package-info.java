/**
 * The passphrase-encrypted keystore of named identities under PARLEY_HOME (Argon2id, AES-256-GCM,
 * atomic writes, file locking). Must not depend on networking, DIDComm or the CLI.
 */
package dev.parley.did.keystore;
