package dev.parley.did;

/**
 * A service entry of a DID document. DIDComm v2 messaging endpoints are typed
 * ({@link DidCommMessagingService}); any other type is kept verbatim ({@link OtherService}).
 */
public sealed interface Service permits DidCommMessagingService, OtherService {

  /** The id as written in the document (relative {@code #service} for did:peer:2). */
  String id();

  /** The {@code type} property. */
  String type();
}
