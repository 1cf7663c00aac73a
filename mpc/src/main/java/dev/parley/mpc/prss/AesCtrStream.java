package dev.parley.mpc.prss;

import dev.parley.mpc.field.ByteStream;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-128 in counter mode as a keyed PRF stream: the JDK's AES-NI backed cipher gives gigabytes per second, so random
 * shares cost almost nothing. The IV is the 8-byte nonce followed by a zero block counter; a (key, nonce) pair must be
 * used for one purpose only. Not thread-safe.
 */
public final class AesCtrStream implements ByteStream {

    private final Cipher cipher;

    /**
     * @param key   16 bytes; copied by the JDK key spec, the caller keeps ownership of its array
     * @param nonce distinct per use of the key
     */
    public AesCtrStream(byte[] key, long nonce) {
        try {
            cipher = Cipher.getInstance("AES/CTR/NoPadding");
            byte[] iv = new byte[16];
            for (int i = 0; i < 8; i++) {
                iv[i] = (byte) (nonce >>> (56 - 8 * i));
            }
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK must provide AES/CTR/NoPadding (a standard algorithm)", e);
        }
    }

    @Override
    public void next(byte[] dst, int off, int len) {
        Arrays.fill(dst, off, off + len, (byte) 0);
        try {
            cipher.update(dst, off, len, dst, off);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR failed on an in-place buffer of " + len + " bytes", e);
        }
    }
}
