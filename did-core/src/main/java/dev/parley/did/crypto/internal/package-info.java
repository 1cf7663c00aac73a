/**
 * Curve arithmetic behind the crypto API (point decoding, Edwards-to-Montgomery conversion,
 * small-order checks); not API. Must not depend on anything in did-core outside the exception types.
 */
package dev.parley.did.crypto.internal;
