package dev.parley.session.handshake.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Noise CipherState for ChaChaPoly: a key (or none) and a 64-bit nonce counter. The nonce is
 * four zero bytes followed by the counter, little-endian, as the specification defines for ChaChaPoly.
 * Not thread-safe; owned by one handshake or one test.
 */
public final class CipherState {
    private static final long MAX_NONCE = -1L; // 2^64-1, reserved for rekey (not used in a handshake)

    private byte[] key;
    private long nonce;

    /** Sets the key (copied) and resets the nonce. */
    public void initializeKey(byte[] newKey) {
        erase();
        key = newKey.clone();
        nonce = 0;
    }

    public boolean hasKey() {
        return key != null;
    }

    /** AEAD-encrypts under the current nonce, then increments it; passes plaintext through when there is no key. */
    public byte[] encryptWithAd(byte[] ad, byte[] plaintext) {
        if (key == null) {
            return plaintext.clone();
        }
        checkNonce();
        byte[] out = chacha(Cipher.ENCRYPT_MODE, key, nonce, ad, plaintext);
        nonce++;
        return out;
    }

    /** Verifies and decrypts; the nonce advances only on success. */
    public byte[] decryptWithAd(byte[] ad, byte[] ciphertext) throws AEADBadTagException {
        if (key == null) {
            return ciphertext.clone();
        }
        checkNonce();
        if (ciphertext.length < 16) {
            throw new AEADBadTagException("ciphertext shorter than the 16-byte tag");
        }
        byte[] out = chachaDecrypt(key, nonce, ad, ciphertext);
        nonce++;
        return out;
    }

    /** The 12-byte ChaChaPoly nonce for {@code counter}. */
    public static byte[] nonceBytes(long counter) {
        return ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putInt(0).putLong(counter).array();
    }

    /** Overwrites the key. */
    public void erase() {
        if (key != null) {
            Arrays.fill(key, (byte) 0);
            key = null;
        }
    }

    private void checkNonce() {
        if (nonce == MAX_NONCE) {
            throw new IllegalStateException("Noise nonce exhausted; the session must be rekeyed or replaced");
        }
    }

    private static byte[] chacha(int mode, byte[] key, long counter, byte[] ad, byte[] input) {
        try {
            Cipher c = Cipher.getInstance("ChaCha20-Poly1305");
            c.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonceBytes(counter)));
            c.updateAAD(ad);
            return c.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 unavailable in this JDK", e);
        }
    }

    private static byte[] chachaDecrypt(byte[] key, long counter, byte[] ad, byte[] input) throws AEADBadTagException {
        try {
            Cipher c = Cipher.getInstance("ChaCha20-Poly1305");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonceBytes(counter)));
            c.updateAAD(ad);
            return c.doFinal(input);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 unavailable in this JDK", e);
        }
    }
}
