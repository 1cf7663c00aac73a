/** Strict, bounded JSON reading and writing at Parley's DIDComm trust boundary (Jackson at the edge).
 *  Depends only on Jackson and {@code dev.parley.didcomm.problem}; never on envelope or protocol code. */
package dev.parley.didcomm.json;
