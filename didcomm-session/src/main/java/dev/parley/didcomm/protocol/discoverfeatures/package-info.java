/** discover-features 2.0: answer queries with selected disclosures, build queries. Depends on the protocol
 *  dispatcher types and the message model only. */
package dev.parley.didcomm.protocol.discoverfeatures;
