/** What DIDComm needs from a DID: its authentication and keyAgreement keys as JWKs, its DIDComm services,
 *  and the local private keys; plus a bounded cache. DID parsing and resolution belong to did-core, never here. */
package dev.parley.didcomm.did;
