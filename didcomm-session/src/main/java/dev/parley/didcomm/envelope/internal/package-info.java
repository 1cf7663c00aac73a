/** JOSE mechanics behind the envelope API: ECDH, Concat KDF, key wrap, content ciphers, JWS, built on
 *  Nimbus JOSE primitives. Not API: used only by {@code dev.parley.didcomm.envelope}; never by callers. */
package dev.parley.didcomm.envelope.internal;
