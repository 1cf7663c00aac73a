package dev.parley.mediator.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which STUN address the mediator advertises: operator's choice, then public URL, then bind, then HTTP host. */
class StunAdvertisementTest {
    private static final URI HTTP = URI.create("http://localhost:8080");

    @Test
    void theOperatorsAddressWinsAndTakesTheBoundPortWhenItNamesNone() throws Exception {
        InetAddress any = InetAddress.getByName("0.0.0.0");
        assertEquals("stun.example:3478", StunAdvertisement.address(Optional.of("stun.example"),
                Optional.of(URI.create("https://m.example")), any, 3478, HTTP));
        assertEquals("198.51.100.7:40000", StunAdvertisement.address(Optional.of("198.51.100.7:40000"),
                Optional.empty(), any, 3478, HTTP));
        assertEquals("[2001:db8::1]:3478", StunAdvertisement.address(Optional.of("[2001:db8::1]"), Optional.empty(),
                any, 3478, HTTP));
    }

    @Test
    void thenThePublicUrlHostThenASpecificBindThenTheHttpHost() throws Exception {
        assertEquals("m.example:3478", StunAdvertisement.address(Optional.empty(),
                Optional.of(URI.create("https://m.example/base")), InetAddress.getByName("10.0.0.5"), 3478, HTTP));
        assertEquals("10.0.0.5:3478", StunAdvertisement.address(Optional.empty(), Optional.empty(),
                InetAddress.getByName("10.0.0.5"), 3478, HTTP));
        assertEquals("localhost:3478", StunAdvertisement.address(Optional.empty(), Optional.empty(),
                InetAddress.getByName("0.0.0.0"), 3478, HTTP));
    }

    @Test
    void rejectsAddressesThatAreNotHostOrHostPort() {
        for (String bad : new String[] {"", "host:0", "host:70000", "user@host", "host/path", "host:3478?x=1"}) {
            assertThrows(IllegalArgumentException.class, () -> StunAdvertisement.HostPort.parse(bad), bad);
        }
    }
}
