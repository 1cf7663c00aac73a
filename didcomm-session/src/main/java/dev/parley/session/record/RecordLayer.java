package dev.parley.session.record;

import dev.parley.session.handshake.SessionKeys;
import dev.parley.session.handshake.Suite;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens session records (docs/protocol/session.md section 4):
 * <pre>
 * u8 version | u8 epoch | u64 receiver session id | u64 counter | AEAD(u8 type | payload) | 16-byte tag
 * </pre>
 * The AEAD is the session's {@link Suite} (AES-256-GCM or ChaCha20-Poly1305); the header is the associated data;
 * the nonce is four zero bytes and the counter, little-endian (the Noise ChaChaPoly nonce). One {@link Cipher} per
 * direction is reused and the caller supplies the buffers, so a record costs no Cipher lookup and no buffer
 * allocation; seal encrypts in place in the output buffer with one {@code doFinal}. Keys move to the next epoch by the Noise REKEY function (ChaChaPoly's, for both suites) per
 * {@link RekeyPolicy}; older keys are overwritten.
 *
 * <p>Not thread-safe: sealing and opening each keep state; the session serializes calls (it may seal on one thread
 * and open on another only if it locks each direction, which it does).
 */
public final class RecordLayer {
    public static final int VERSION = 1;
    public static final int HEADER_LENGTH = 18;
    public static final int TAG_LENGTH = 16;
    /** Bytes a record adds to its payload: header, inner type, tag. */
    public static final int OVERHEAD = HEADER_LENGTH + 1 + TAG_LENGTH;
    /** Largest record every path carries: {@code DatagramLink.MAX_PAYLOAD}. */
    public static final int MAX_RECORD = 1200;
    /** Largest payload in a record of {@link #MAX_RECORD} bytes. */
    public static final int MAX_PAYLOAD = MAX_RECORD - OVERHEAD;
    /**
     * Largest record at all: {@code DatagramLink.LARGEST_PAYLOAD}, sent only on a path that carries it (the sender asks
     * its transport, {@code DatagramTransport.maxDatagram()}); a receiver accepts any record up to this size.
     */
    public static final int LARGEST_RECORD = 65_000;
    /** Largest payload in a record of {@link #LARGEST_RECORD} bytes. */
    public static final int LARGEST_PAYLOAD = LARGEST_RECORD - OVERHEAD;
    /** Where {@link #open} puts the payload in the caller's buffer (the inner type byte precedes it). */
    public static final int PAYLOAD_OFFSET = 1;
    /** The send counter never reaches this: the session must be replaced long before. */
    public static final long MAX_COUNTER = 1L << 60;

    private final Suite suite;
    private final long localSessionId;
    private final long remoteSessionId;
    private final RekeyPolicy policy;
    private final Clock clock;
    private final long rekeyIntervalMillis;

    private final Cipher sealCipher;
    private byte[] sendKey;
    private SecretKeySpec sendKeySpec;
    private int sendEpoch;
    private long sendCounter;
    private long sentInEpoch;
    private long epochStartedMillis;
    private final byte[] sealNonce = new byte[12];

    private final Cipher openCipher;
    private byte[] receiveKey;
    private SecretKeySpec receiveKeySpec;
    private byte[] previousKey;
    private SecretKeySpec previousKeySpec;
    private int receiveEpoch;
    private final ReplayWindow window = new ReplayWindow();
    private final byte[] openNonce = new byte[12];

    public RecordLayer(SessionKeys keys, RekeyPolicy policy, Clock clock) {
        this.suite = keys.suite();
        this.localSessionId = keys.localSessionId();
        this.remoteSessionId = keys.remoteSessionId();
        this.policy = policy;
        this.clock = clock;
        this.rekeyIntervalMillis = policy.interval().toMillis();
        this.sendKey = keys.sendKey();
        this.receiveKey = keys.receiveKey();
        this.sendKeySpec = new SecretKeySpec(sendKey, suite.keyAlgorithm());
        this.receiveKeySpec = new SecretKeySpec(receiveKey, suite.keyAlgorithm());
        this.epochStartedMillis = clock.millis();
        try {
            sealCipher = Cipher.getInstance(suite.transformation());
            openCipher = Cipher.getInstance(suite.transformation());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(suite.transformation() + " unavailable in this JDK", e);
        }
    }

    /**
     * Seals {@code payload[offset, offset+length)} as one record into {@code out} (at least
     * {@code length + HEADER_LENGTH + 1 + TAG_LENGTH} bytes) and returns the record length.
     */
    public int seal(ContentType type, byte[] payload, int offset, int length, byte[] out)
            throws RecordTooLargeException, SessionExhaustedException {
        if (length > LARGEST_PAYLOAD) {
            throw new RecordTooLargeException("record payload of " + length + " bytes exceeds " + LARGEST_PAYLOAD
                    + " (records must fit one " + LARGEST_RECORD + "-byte datagram)");
        }
        if (sendCounter >= MAX_COUNTER) {
            throw new SessionExhaustedException("sent " + MAX_COUNTER + " records; start a new session");
        }
        maybeRekeySend();
        long counter = sendCounter++;
        sentInEpoch++;
        writeHeader(out, sendEpoch, remoteSessionId, counter);
        // The inner type and payload are laid out in out and encrypted in place by one doFinal: a separate 1-byte
        // update would make the JDK buffer it and merge it into a fresh block (an allocation and a copy per record).
        out[HEADER_LENGTH] = (byte) type.code;
        System.arraycopy(payload, offset, out, HEADER_LENGTH + 1, length);
        nonce(sealNonce, counter);
        try {
            sealCipher.init(Cipher.ENCRYPT_MODE, sendKeySpec, params(sealNonce));
            sealCipher.updateAAD(out, 0, HEADER_LENGTH);
            return HEADER_LENGTH + sealCipher.doFinal(out, HEADER_LENGTH, 1 + length, out, HEADER_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing a record failed", e);
        }
    }

    /** Convenience: seals into a new array. */
    public byte[] seal(ContentType type, byte[] payload) throws RecordTooLargeException, SessionExhaustedException {
        byte[] out = new byte[payload.length + HEADER_LENGTH + 1 + TAG_LENGTH];
        int n = seal(type, payload, 0, payload.length, out);
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /**
     * Verifies and decrypts {@code record[0, length)}; the payload lands in {@code out} at {@link #PAYLOAD_OFFSET}
     * ({@code out} needs {@code length} bytes). The replay window moves only once the record authenticated.
     */
    public OpenedRecord open(byte[] record, int length, byte[] out) throws RecordException {
        if (length > LARGEST_RECORD) {
            throw new RecordTooLargeException("record of " + length + " bytes exceeds " + LARGEST_RECORD);
        }
        if (length < HEADER_LENGTH + 1 + TAG_LENGTH) {
            throw new MalformedRecordException("record of " + length + " bytes is shorter than the minimum "
                    + (HEADER_LENGTH + 1 + TAG_LENGTH));
        }
        if ((record[0] & 0xff) != VERSION) {
            throw new MalformedRecordException("record version " + (record[0] & 0xff) + " is not " + VERSION);
        }
        ByteBuffer header = ByteBuffer.wrap(record, 2, 16);
        long sessionId = header.getLong();
        long counter = header.getLong();
        if (sessionId != localSessionId) {
            throw new MalformedRecordException("record for session " + Long.toHexString(sessionId) + ", not this one");
        }
        if (counter < 0 || counter >= MAX_COUNTER) {
            throw new MalformedRecordException("record counter out of range");
        }
        switch (window.check(counter)) {
            case REPLAYED -> throw new ReplayedRecordException("record " + counter + " was already received");
            case TOO_OLD -> throw new RecordOutsideWindowException("record " + counter + " is more than "
                    + ReplayWindow.SIZE + " behind the newest (" + window.highest() + ")");
            case FRESH -> { }
        }
        int epochByte = record[1] & 0xff;
        SecretKeySpec key;
        byte[] nextKey = null;
        if (epochByte == (receiveEpoch & 0xff)) {
            key = receiveKeySpec;
        } else if (epochByte == ((receiveEpoch + 1) & 0xff)) {
            nextKey = rekey(receiveKey);
            key = new SecretKeySpec(nextKey, suite.keyAlgorithm());
        } else if (epochByte == ((receiveEpoch - 1) & 0xff) && previousKeySpec != null) {
            key = previousKeySpec;
        } else {
            throw new MalformedRecordException("record epoch " + epochByte + " is neither current, next nor previous ("
                    + (receiveEpoch & 0xff) + ")");
        }
        int plain;
        nonce(openNonce, counter);
        try {
            openCipher.init(Cipher.DECRYPT_MODE, key, params(openNonce));
            openCipher.updateAAD(record, 0, HEADER_LENGTH);
            plain = openCipher.doFinal(record, HEADER_LENGTH, length - HEADER_LENGTH, out, 0);
        } catch (AEADBadTagException e) {
            if (nextKey != null) {
                Arrays.fill(nextKey, (byte) 0);
            }
            throw new RecordAuthenticationException("record " + counter + " failed authentication");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("opening a record failed", e);
        }
        ContentType type = ContentType.of(out[0] & 0xff);
        if (type == null) {
            throw new MalformedRecordException("authenticated record has unknown content type " + (out[0] & 0xff));
        }
        window.accept(counter);
        if (nextKey != null) {
            advanceReceiveEpoch(nextKey);
        }
        return new OpenedRecord(type, counter, plain - 1);
    }

    /** The epoch records are sealed under now. */
    public int sendEpoch() {
        return sendEpoch;
    }

    /** The newest epoch seen from the peer. */
    public int receiveEpoch() {
        return receiveEpoch;
    }

    /** The counter the next sealed record gets. */
    public long nextSendCounter() {
        return sendCounter;
    }

    /** Overwrites every key. */
    public void destroy() {
        Arrays.fill(sendKey, (byte) 0);
        Arrays.fill(receiveKey, (byte) 0);
        if (previousKey != null) {
            Arrays.fill(previousKey, (byte) 0);
        }
    }

    private void maybeRekeySend() {
        long now = clock.millis();
        if (sentInEpoch >= policy.records() || now - epochStartedMillis >= rekeyIntervalMillis) {
            byte[] next = rekey(sendKey);
            Arrays.fill(sendKey, (byte) 0);
            sendKey = next;
            sendKeySpec = new SecretKeySpec(sendKey, suite.keyAlgorithm());
            sendEpoch++;
            sentInEpoch = 0;
            epochStartedMillis = now;
        }
    }

    private void advanceReceiveEpoch(byte[] nextKey) {
        if (previousKey != null) {
            Arrays.fill(previousKey, (byte) 0);
        }
        previousKey = receiveKey;
        previousKeySpec = receiveKeySpec;
        receiveKey = nextKey;
        receiveKeySpec = new SecretKeySpec(nextKey, suite.keyAlgorithm());
        receiveEpoch++;
    }

    private AlgorithmParameterSpec params(byte[] nonce) {
        return suite == Suite.AES_256_GCM ? new GCMParameterSpec(128, nonce) : new IvParameterSpec(nonce);
    }

    /** The Noise REKEY function of ChaChaPoly: {@code k' = ENCRYPT(k, 2^64-1, "", 0^32)[0..32]}. */
    static byte[] rekey(byte[] key) {
        try {
            Cipher c = Cipher.getInstance("ChaCha20-Poly1305");
            byte[] nonce = new byte[12];
            Arrays.fill(nonce, 4, 12, (byte) 0xff);
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
            byte[] out = c.doFinal(new byte[32]);
            return Arrays.copyOf(out, 32);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 unavailable in this JDK", e);
        }
    }

    private static void writeHeader(byte[] out, int epoch, long sessionId, long counter) {
        out[0] = (byte) VERSION;
        out[1] = (byte) epoch;
        for (int i = 0; i < 8; i++) {
            out[2 + i] = (byte) (sessionId >>> (56 - 8 * i));
            out[10 + i] = (byte) (counter >>> (56 - 8 * i));
        }
    }

    private static void nonce(byte[] nonce, long counter) {
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] = (byte) (counter >>> (8 * i));
        }
    }
}
