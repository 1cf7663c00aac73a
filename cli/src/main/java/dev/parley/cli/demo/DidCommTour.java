package dev.parley.cli.demo;

import dev.parley.cli.CliContext;
import dev.parley.cli.CliException;
import dev.parley.cli.KeystoreAccess;
import dev.parley.did.DidDocument;
import dev.parley.did.DidResolver;
import dev.parley.did.VerificationMethod;
import dev.parley.did.crypto.KeyType;
import dev.parley.did.crypto.Signatures;
import dev.parley.did.keystore.Identities;
import dev.parley.did.keystore.Identity;
import dev.parley.did.keystore.Keystore;
import dev.parley.did.keystore.Passphrase;
import dev.parley.did.DidCommMessagingService;
import dev.parley.did.Service;
import dev.parley.didcomm.did.CachingDidResolver;
import dev.parley.didcomm.mediator.KeyUpdate;
import dev.parley.didcomm.mediator.MediatorClient;
import dev.parley.mediator.Mediator;
import dev.parley.didcomm.did.DidCoreResolver;
import dev.parley.didcomm.did.KeystoreIdentities;
import dev.parley.didcomm.did.LocalIdentity;
import dev.parley.didcomm.envelope.DidCommPacker;
import dev.parley.didcomm.envelope.DidCommUnpacker;
import dev.parley.didcomm.envelope.PackOptions;
import dev.parley.didcomm.envelope.Unpacked;
import dev.parley.didcomm.json.JsonLimits;
import dev.parley.didcomm.message.Message;
import dev.parley.didcomm.message.MessageCodec;
import dev.parley.didcomm.oob.Invitation;
import dev.parley.didcomm.oob.OobLinks;
import dev.parley.didcomm.protocol.MessageIds;
import java.net.URI;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

/**
 * The identity and DIDComm layers step by step ({@code parley demo --tour}): two identities in a throwaway keystore,
 * resolution, a signature checked from a DID alone, an invitation link, an authcrypt answer, and a message stored by
 * the mediator and picked up.
 */
final class DidCommTour {
    private DidCommTour() {
    }

    static void run(CliContext demo, Path home, Mediator mediator, PrintWriter out) throws Exception {
        KeystoreAccess access = new KeystoreAccess(demo);
        Keystore keystore = access.keystore();

        step(out, "1. Two people create identities locally (no registry, no account) in " + home);
        SecureRandom random = new SecureRandom();
        Identity alice = Identities.newDidKey("alice", KeyType.ED25519, random, Clock.systemUTC());
        // Bob's did:peer:2 names the mediator as his inbox: its URL and its key as routing key.
        Service inbox = new DidCommMessagingService("#didcomm-0", mediator.httpUrl().toString(),
                List.of("didcomm/v2"), List.of(mediator.did() + "#key-2"));
        Identity bob = Identities.newDidPeer2("bob", List.of(inbox), random, Clock.systemUTC());
        try (Passphrase passphrase = access.passphrase("demo", false)) {
            keystore.create(alice, passphrase);
            keystore.create(bob, passphrase);
        }
        out.println("   alice  " + alice.did());
        out.println("   bob    " + bob.did());

        DidResolver resolver = DidResolver.withInstalledMethods(16);
        step(out, "2. Anyone can resolve a DID to its document, offline. Alice's:");
        DidDocument aliceDoc = resolver.resolve(alice.did());
        indent(out, aliceDoc.toPrettyJson());
        step(out, "   Bob's (did:peer:2: a signing key, a separate key-agreement key, and his mediator as service):");
        indent(out, resolver.resolve(bob.did()).toPrettyJson());

        step(out, "3. Alice signs a message with her private key (decrypted from the keystore).");
        byte[] message = "Meet at the usual place at noon.".getBytes(StandardCharsets.UTF_8);
        Identity loaded;
        try (Passphrase passphrase = access.passphrase("demo", false)) {
            loaded = keystore.load("alice", passphrase);
        }
        byte[] signature = Signatures.signer(loaded.keys().get(0).key()).sign(message);
        out.println("   message:   " + new String(message, StandardCharsets.UTF_8));
        out.println("   signature: " + Base64.getUrlEncoder().withoutPadding().encodeToString(signature));

        step(out, "4. Bob verifies it knowing only Alice's DID string.");
        DidDocument resolved = resolver.resolve(alice.did().toString());
        VerificationMethod method = resolved.authenticationMethods().get(0);
        boolean valid = Signatures.verifier(method.publicKey()).verify(message, signature);
        out.println("   key " + method.id() + ": signature " + (valid ? "VALID" : "INVALID"));
        byte[] forged = "Meet at the usual place at one.".getBytes(StandardCharsets.UTF_8);
        boolean forgedValid = Signatures.verifier(method.publicKey()).verify(forged, signature);
        out.println("   the same signature on an altered message: " + (forgedValid ? "VALID" : "rejected"));
        if (!valid || forgedValid) {
            throw new CliException(dev.parley.cli.ExitCode.INTERNAL, "the demo's signature check gave a wrong answer");
        }
        step(out, "5. Alice invites Bob with a link she could paste into any chat (DIDComm v2 out-of-band):");
        String link = new OobLinks().toUrl(new Invitation(new MessageIds(random).next(), alice.did().toString(),
                "parley.chat", "Chat with Alice", List.of("didcomm/v2"), List.of()), URI.create("https://parley.invalid/invite"));
        out.println("   " + link);
        Invitation pasted = new OobLinks().parse("Alice wrote: <" + link + ">");
        out.println("   Bob pastes the chat line; the invitation is from " + pasted.from());

        step(out, "6. Bob answers with an authenticated, encrypted DIDComm message (authcrypt) to the inviter.");
        var resolverForDidComm = new CachingDidResolver(DidCoreResolver.withInstalledMethods(), Clock.systemUTC(), 16,
                java.time.Duration.ofMinutes(5));
        LocalIdentity bobLocal;
        LocalIdentity aliceLocal;
        try (Passphrase passphrase = access.passphrase("demo", false)) {
            bobLocal = KeystoreIdentities.toLocalIdentity(keystore.load("bob", passphrase), resolverForDidComm);
            aliceLocal = KeystoreIdentities.toLocalIdentity(keystore.load("alice", passphrase), resolverForDidComm);
        }
        MessageCodec codec = new MessageCodec(JsonLimits.DEFAULT);
        Message hello = Message.builder(new MessageIds(random).next(), "https://didcomm.org/basicmessage/2.0/message")
                .from(bobLocal.did()).to(List.of(pasted.from())).pthid(pasted.id())
                .createdTime(Clock.systemUTC().instant())
                .body(codec.json().readObject("{\"content\":\"Hi Alice, Bob here.\"}".getBytes(StandardCharsets.UTF_8), "body"))
                .build();
        String envelope = new DidCommPacker(resolverForDidComm, random, JsonLimits.DEFAULT)
                .pack(hello, PackOptions.authcrypt(), bobLocal).get(0).json();
        out.println("   envelope: " + envelope.length() + " bytes of JWE (ECDH-1PU+A256KW, A256CBC-HS512)");
        Unpacked received = new DidCommUnpacker(resolverForDidComm, Clock.systemUTC(), JsonLimits.DEFAULT)
                .unpack(envelope, aliceLocal.secrets());
        out.println("   Alice reads: \"" + received.message().body().path("content").asText() + "\" from "
                + received.message().from());
        out.println("   metadata: encrypted=" + received.metadata().encrypted() + ", authenticated="
                + received.metadata().authenticated() + ", sender key " + received.metadata().encryptedFromKid());

        step(out, "7. Alice answers through Bob's mediator: her authcrypt message goes inside a forward only the");
        out.println("   mediator can open; it stores the inner envelope durably until Bob picks it up.");
        try (MediatorClient bobClient = MediatorClient.create(mediator.httpUrl(), mediator.did(), bobLocal, resolverForDidComm);
                MediatorClient aliceClient = MediatorClient.create(mediator.httpUrl(), mediator.did(), aliceLocal, resolverForDidComm)) {
            bobClient.requestMediation();
            bobClient.updateKeylist(List.of(KeyUpdate.add(bobLocal.did())));
            out.println("   Bob: mediation granted, his DID registered for routing");
            Message answer = Message.builder(new MessageIds(random).next(), "https://didcomm.org/basicmessage/2.0/message")
                    .from(aliceLocal.did()).to(List.of(bobLocal.did())).thid(hello.id())
                    .createdTime(Clock.systemUTC().instant())
                    .body(codec.json().readObject("{\"content\":\"Hi Bob! Let's compute something.\"}".getBytes(StandardCharsets.UTF_8), "body"))
                    .build();
            aliceClient.send(answer);
            out.println("   Alice: sent; queued at the mediator: " + bobClient.status().queuedMessages() + " message");
            List<Unpacked> inbox2 = new java.util.ArrayList<>();
            bobClient.pickup(10, inbox2::add);
            for (Unpacked u : inbox2) {
                out.println("   Bob picks up: \"" + u.message().body().path("content").asText() + "\" (authenticated="
                        + u.metadata().authenticated() + ", thread " + u.message().threadId().substring(0, 8) + "...)");
            }
            if (inbox2.size() != 1) {
                throw new CliException(dev.parley.cli.ExitCode.INTERNAL, "the demo's message through the mediator did not arrive");
            }
        }

    }

    private static void step(PrintWriter out, String text) {
        out.println();
        out.println(text);
    }

    private static void indent(PrintWriter out, String block) {
        block.lines().forEach(line -> out.println("   " + line));
    }
}
