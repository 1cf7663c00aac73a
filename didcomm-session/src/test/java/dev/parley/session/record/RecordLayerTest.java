package dev.parley.session.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.session.MutableClock;
import dev.parley.session.handshake.SessionKeys;
import dev.parley.session.handshake.Suite;
import dev.parley.session.handshake.TestSessions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class RecordLayerTest {
    private final MutableClock clock = MutableClock.start();
    private final SessionKeys[] keys = TestSessions.keys(11);
    private final RecordLayer alice = new RecordLayer(keys[0], RekeyPolicy.defaults(), clock);
    private final RecordLayer bob = new RecordLayer(keys[1], RekeyPolicy.defaults(), clock);
    private final byte[] buf = new byte[RecordLayer.MAX_RECORD];

    @Test
    void sealedRecordOpensOnTheOtherSide() throws Exception {
        byte[] record = alice.seal(ContentType.DATA, "hello".getBytes());
        assertEquals(RecordLayer.HEADER_LENGTH + 1 + 5 + RecordLayer.TAG_LENGTH, record.length);
        OpenedRecord r = bob.open(record, record.length, buf);
        assertEquals(ContentType.DATA, r.type());
        assertArrayEquals("hello".getBytes(), Arrays.copyOfRange(buf, RecordLayer.PAYLOAD_OFFSET, RecordLayer.PAYLOAD_OFFSET + r.length()));
        byte[] back = bob.seal(ContentType.KEEPALIVE, new byte[0]);
        assertEquals(ContentType.KEEPALIVE, alice.open(back, back.length, buf).type());
    }

    @Test
    void sealFromAnOffsetMatchesTheDocumentedConstructionAndLeavesThePayloadAlone() throws Exception {
        for (Suite suite : Suite.values()) {
            SessionKeys[] k = TestSessions.keys(12, suite);
            RecordLayer sender = new RecordLayer(k[0], RekeyPolicy.defaults(), clock);
            sender.seal(ContentType.KEEPALIVE, new byte[0]);
            byte[] source = new byte[300];
            new Random(3).nextBytes(source);
            byte[] before = source.clone();
            byte[] record = new byte[RecordLayer.MAX_RECORD];
            int n = sender.seal(ContentType.CLOSE, source, 7, 200, record);

            assertArrayEquals(before, source);
            assertEquals(RecordLayer.HEADER_LENGTH + 1 + 200 + RecordLayer.TAG_LENGTH, n);
            assertEquals(RecordLayer.VERSION, record[0]);
            assertEquals(0, record[1]);
            assertEquals(1, record[17]);
            // docs/protocol/session.md section 4: AEAD(key, 0^4 || counter LE, AAD = header, u8 type || payload)
            byte[] nonce = new byte[12];
            nonce[4] = 1;
            Cipher aead = Cipher.getInstance(suite.transformation());
            SecretKeySpec key = new SecretKeySpec(k[0].sendKey(), suite.keyAlgorithm());
            aead.init(Cipher.DECRYPT_MODE, key, suite == Suite.AES_256_GCM
                    ? new GCMParameterSpec(128, nonce) : new IvParameterSpec(nonce));
            aead.updateAAD(record, 0, RecordLayer.HEADER_LENGTH);
            byte[] inner = aead.doFinal(record, RecordLayer.HEADER_LENGTH, n - RecordLayer.HEADER_LENGTH);
            assertEquals(3, inner[0]);
            assertArrayEquals(Arrays.copyOfRange(source, 7, 207), Arrays.copyOfRange(inner, 1, inner.length));
        }
    }

    @Test
    void rejectsReplayedRecord() throws Exception {
        byte[] record = alice.seal(ContentType.DATA, new byte[10]);
        bob.open(record, record.length, buf);
        assertThrows(ReplayedRecordException.class, () -> bob.open(record, record.length, buf));
    }

    @Test
    void acceptsReorderingInsideTheWindowAndRejectsOutside() throws Exception {
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < ReplayWindow.SIZE + 10; i++) {
            records.add(alice.seal(ContentType.DATA, new byte[] {(byte) i}));
        }
        byte[] last = records.get(records.size() - 1);
        bob.open(last, last.length, buf);
        byte[] tooOld = records.get(5);
        assertThrows(RecordOutsideWindowException.class, () -> bob.open(tooOld, tooOld.length, buf));
        List<byte[]> inside = new ArrayList<>(records.subList(records.size() - ReplayWindow.SIZE, records.size() - 1));
        Collections.shuffle(inside, new Random(1));
        for (byte[] r : inside) {
            bob.open(r, r.length, buf);
        }
        for (byte[] r : inside) {
            assertThrows(ReplayedRecordException.class, () -> bob.open(r, r.length, buf));
        }
    }

    @Test
    void everyFlippedByteOfARecordIsRejected() throws Exception {
        byte[] record = alice.seal(ContentType.DATA, "payload of a record".getBytes());
        for (int at = 0; at < record.length; at++) {
            byte[] bad = record.clone();
            bad[at] ^= 0x01;
            assertThrows(RecordException.class, () -> bob.open(bad, bad.length, buf), "flip at " + at);
        }
        assertEquals(ContentType.DATA, bob.open(record, record.length, buf).type(), "the window did not move for forgeries");
    }

    @Test
    void truncatedRecordIsRejected() throws Exception {
        byte[] record = alice.seal(ContentType.DATA, new byte[40]);
        for (int len = 0; len < record.length; len++) {
            int n = len;
            assertThrows(RecordException.class, () -> bob.open(record, n, buf), "length " + len);
        }
    }

    @Test
    void oversizedRecordIsRefusedBothWays() throws Exception {
        assertThrows(RecordTooLargeException.class,
                () -> alice.seal(ContentType.DATA, new byte[RecordLayer.LARGEST_PAYLOAD + 1]));
        byte[] max = alice.seal(ContentType.DATA, new byte[RecordLayer.LARGEST_PAYLOAD]);
        assertEquals(RecordLayer.LARGEST_RECORD, max.length);
        byte[] opened = new byte[RecordLayer.LARGEST_RECORD];
        assertEquals(RecordLayer.LARGEST_PAYLOAD, bob.open(max, max.length, opened).length(),
                "the largest record opens");
        byte[] big = Arrays.copyOf(max, RecordLayer.LARGEST_RECORD + 1);
        assertThrows(RecordTooLargeException.class, () -> bob.open(big, big.length, new byte[big.length]));
    }

    @Test
    void aRecordOfTheBasePathSizeCarriesMaxPayload() throws Exception {
        assertEquals(RecordLayer.MAX_RECORD, alice.seal(ContentType.DATA, new byte[RecordLayer.MAX_PAYLOAD]).length);
    }

    @Test
    void recordForAnotherSessionIsRejected() throws Exception {
        SessionKeys[] other = TestSessions.keys(12);
        RecordLayer carol = new RecordLayer(other[0], RekeyPolicy.defaults(), clock);
        byte[] record = carol.seal(ContentType.DATA, new byte[3]);
        assertInstanceOf(MalformedRecordException.class, assertThrows(RecordException.class,
                () -> bob.open(record, record.length, buf)));
    }

    @Test
    void rekeyByCountKeepsTheSessionAcrossEpochsEvenReordered() throws Exception {
        RecordLayer a = new RecordLayer(keys[0], new RekeyPolicy(100, Duration.ofHours(1)), clock);
        RecordLayer b = new RecordLayer(keys[1], new RekeyPolicy(100, Duration.ofHours(1)), clock);
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < 350; i++) {
            records.add(a.seal(ContentType.DATA, new byte[] {(byte) i}));
        }
        assertEquals(3, a.sendEpoch());
        // Deliver in epoch-crossing windows, each window reversed: late records of the previous epoch still open.
        for (int start = 0; start < records.size(); start += 30) {
            for (int i = Math.min(start + 29, records.size() - 1); i >= start; i--) {
                byte[] r = records.get(i);
                OpenedRecord o = b.open(r, r.length, buf);
                assertEquals(i, o.counter());
                assertEquals((byte) i, buf[RecordLayer.PAYLOAD_OFFSET]);
            }
        }
        assertEquals(3, b.receiveEpoch());
    }

    @Test
    void rekeyByTimeChangesTheKey() throws Exception {
        byte[] before = alice.seal(ContentType.DATA, new byte[1]);
        clock.advance(Duration.ofMinutes(3));
        byte[] after = alice.seal(ContentType.DATA, new byte[1]);
        assertEquals(0, before[1]);
        assertEquals(1, after[1]);
        bob.open(after, after.length, buf);
        bob.open(before, before.length, buf);
        assertEquals(1, bob.receiveEpoch());
    }

    @Test
    void recordTwoEpochsAheadIsRejected() throws Exception {
        byte[] record = alice.seal(ContentType.DATA, new byte[1]);
        record[1] = 2;
        assertThrows(MalformedRecordException.class, () -> bob.open(record, record.length, buf));
    }

    @Test
    void chachaSuiteSealsOpensAndRejectsEveryFlippedByte() throws Exception {
        SessionKeys[] chacha = TestSessions.keys(13, Suite.CHACHA20_POLY1305);
        RecordLayer a = new RecordLayer(chacha[0], RekeyPolicy.defaults(), clock);
        RecordLayer b = new RecordLayer(chacha[1], RekeyPolicy.defaults(), clock);
        byte[] record = a.seal(ContentType.DATA, "over chacha".getBytes());
        for (int at = 0; at < record.length; at++) {
            byte[] bad = record.clone();
            bad[at] ^= 0x10;
            assertThrows(RecordException.class, () -> b.open(bad, bad.length, buf), "flip at " + at);
        }
        OpenedRecord r = b.open(record, record.length, buf);
        assertArrayEquals("over chacha".getBytes(), Arrays.copyOfRange(buf, RecordLayer.PAYLOAD_OFFSET,
                RecordLayer.PAYLOAD_OFFSET + r.length()));
        RecordLayer aesReader = new RecordLayer(keys[1], RekeyPolicy.defaults(), clock);
        assertThrows(RecordException.class, () -> aesReader.open(record, record.length, buf));
    }

    @Test
    void relaySeesOnlyCiphertextAndCannotTellKeepaliveFromData() throws Exception {
        byte[] secret = "share=4242424242424242".getBytes();
        byte[] data = alice.seal(ContentType.DATA, secret);
        String wire = new String(data, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals(-1, wire.indexOf("share="), "no plaintext on the wire");
        byte[] keepalive = alice.seal(ContentType.KEEPALIVE, new byte[0]);
        byte[] emptyData = alice.seal(ContentType.DATA, new byte[0]);
        assertEquals(keepalive.length, emptyData.length);
        assertEquals(keepalive[0], emptyData[0]);
        assertEquals(keepalive[1], emptyData[1], "version and epoch are the only clear bytes besides ids and counter");
    }

    @Test
    void closeRecordCarriesItsType() throws Exception {
        byte[] close = alice.seal(ContentType.CLOSE, new byte[] {0, 1});
        OpenedRecord r = bob.open(close, close.length, buf);
        assertEquals(ContentType.CLOSE, r.type());
        assertEquals(2, r.length());
    }
}
