package dev.parley.nat.link.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class LinkFrameTest {

    @Test
    void aProbeParsesToItsNonceAndTheSizeThatArrived() {
        byte[] probe = LinkFrame.probe(0x0102030405060708L, 9_000);
        assertEquals(9_001, probe.length, "type byte plus the size tried");
        LinkFrame f = LinkFrame.parse(probe, 0, probe.length).orElseThrow();
        assertEquals(LinkFrame.Type.PROBE, f.type());
        ByteBuffer b = ByteBuffer.wrap(f.payload());
        assertEquals(0x0102030405060708L, b.getLong());
        assertEquals(9_000, b.getInt());
        assertEquals(LinkFrame.PROBE_ACK_LENGTH, f.payload().length, "the padding is not kept");
    }

    @Test
    void aCutProbeReportsTheSizeThatArrivedNotTheSizeSent() {
        byte[] probe = LinkFrame.probe(7L, 9_000);
        LinkFrame f = LinkFrame.parse(probe, 0, 2_049).orElseThrow();
        assertEquals(2_048, ByteBuffer.wrap(f.payload()).getInt(Long.BYTES));
    }

    @Test
    void anAnswerRoundTrips() {
        byte[] payload = ByteBuffer.allocate(LinkFrame.PROBE_ACK_LENGTH).putLong(42L).putInt(65_000).array();
        byte[] wire = new LinkFrame(LinkFrame.Type.PROBE_ACK, payload).encode();
        assertArrayEquals(payload, LinkFrame.parse(wire, 0, wire.length).orElseThrow().payload());
    }

    @Test
    void malformedControlFramesAreDropped() {
        assertTrue(LinkFrame.parse(new byte[] {(byte) 0xD3, 1, 2, 3}, 0, 4).isEmpty(), "probe without its nonce");
        assertTrue(LinkFrame.parse(new byte[14], 0, 0).isEmpty(), "empty");
        byte[] shortAck = new byte[LinkFrame.PROBE_ACK_LENGTH];
        shortAck[0] = (byte) 0xD4;
        assertTrue(LinkFrame.parse(shortAck, 0, shortAck.length).isEmpty(), "answer one byte short");
        byte[] longPing = new byte[LinkFrame.PING_LENGTH + 2];
        longPing[0] = (byte) 0xD1;
        assertTrue(LinkFrame.parse(longPing, 0, longPing.length).isEmpty(), "ping of the wrong length");
        assertTrue(LinkFrame.parse(new byte[] {(byte) 0xD9, 0}, 0, 2).isEmpty(), "unknown type");
    }
}
