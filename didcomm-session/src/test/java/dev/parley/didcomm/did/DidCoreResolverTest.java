package dev.parley.didcomm.did;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.didcomm.TestIdentities;
import dev.parley.didcomm.TestIdentities.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DidCoreResolverTest {

    private final DidCoreResolver resolver = DidCoreResolver.withInstalledMethods();

    @Test
    void readsTheOlderFlatDidPeer2ServiceEncodingAsWellAsTheCurrentOne() throws Exception {
        String routingKey = "did:key:z6MkpTHR8VNsBxYAAWHut2Geadd9jSwuBV8xRoAnwWsdvktH#z6LSbysY2xFMRpGMhb7tFTLMpeuPRaqaWM1yECx2AtzE3KCc";
        LocalIdentity current = TestIdentities.create(Kind.DID_PEER_2, TestIdentities.seeded(1), List.of(routingKey));
        String keysOnly = current.did().substring(0, current.did().indexOf(".S"));
        String legacyService = "{\"t\":\"dm\",\"s\":\"https://mediator.example/didcomm\",\"r\":[\"" + routingKey
                + "\"],\"a\":[\"didcomm/v2\"]}";
        String legacy = keysOnly + ".S" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(legacyService.getBytes(StandardCharsets.UTF_8));
        for (String did : List.of(current.did(), legacy)) {
            ResolvedDid doc = resolver.resolve(did);
            DidCommService s = doc.services().get(0);
            assertEquals("https://mediator.example/didcomm", s.uri(), did);
            assertEquals(List.of(routingKey), s.routingKeys(), did);
            assertTrue(s.id().startsWith(did + "#"), s.id());
            assertEquals(did + "#key-2", doc.keyAgreement().get(0).id());
        }
    }

    @Test
    void namesUnresolvableDidsInACheckedException() {
        DidResolutionException e = assertThrows(DidResolutionException.class, () -> resolver.resolve("did:web:example.com"));
        assertEquals("e.p.did.unresolvable", e.problemCode().toString());
        assertThrows(DidResolutionException.class, () -> resolver.resolve("not a did"));
    }

    @Test
    void cachesDocumentsUntilTheirTimeToLiveAndBoundsTheirNumber() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        ResolvedDid doc = new ResolvedDid("did:example:a", List.of(), List.of(), List.of());
        DidResolver counting = did -> {
            calls.incrementAndGet();
            return new ResolvedDid(did, List.of(), List.of(), List.of());
        };
        MutableClock clock = new MutableClock(Instant.EPOCH);
        CachingDidResolver cache = new CachingDidResolver(counting, clock, 2, Duration.ofMinutes(5));
        assertEquals(doc, cache.resolve("did:example:a"));
        cache.resolve("did:example:a");
        assertEquals(1, calls.get());
        clock.now = clock.now.plus(Duration.ofMinutes(6));
        cache.resolve("did:example:a");
        assertEquals(2, calls.get());
        cache.resolve("did:example:b");
        cache.resolve("did:example:c");
        assertEquals(2, cache.size());
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
