package dev.coffer.server.core.barrier;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM in Coffer's envelope: one version byte, a 4-byte key term, a random 96-bit nonce,
 * then ciphertext and the 128-bit tag. The additional authenticated data binds a value to where it
 * is stored, so a ciphertext copied to another key does not decrypt.
 *
 * <p>{@link Cipher} instances are not thread-safe, so each call takes one for itself: for a {@link
 * KeyMaterial} key from the key's {@link CipherPool} (no provider lookup, and no new key schedule
 * since the cipher last used the same key), otherwise a new one. The pool is emptied when the key
 * is destroyed, so no pooled cipher outlives a seal.
 */
public final class AesGcm {
  /** The format version written in the first byte. */
  public static final byte VERSION = 1;

  /** Length of a key in bytes. */
  public static final int KEY_BYTES = 32;

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int HEADER_BYTES = 1 + 4 + NONCE_BYTES;
  private static final SecureRandom RANDOM = new SecureRandom();

  private AesGcm() {}

  /** Encrypts {@code plaintext} under {@code key}, recording {@code term} in the header. */
  public static byte[] encrypt(SecretKey key, int term, byte[] aad, byte[] plaintext) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = take(key);
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(aad);
      byte[] out = new byte[HEADER_BYTES + cipher.getOutputSize(plaintext.length)];
      ByteBuffer.wrap(out).put(VERSION).putInt(term).put(nonce);
      cipher.doFinal(plaintext, 0, plaintext.length, out, HEADER_BYTES);
      giveBack(key, cipher);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  /** The key term recorded in a ciphertext's header. */
  public static int term(byte[] ciphertext) {
    if (ciphertext.length < HEADER_BYTES + TAG_BITS / 8 || ciphertext[0] != VERSION) {
      throw new BarrierException("ciphertext has an unknown format");
    }
    return ByteBuffer.wrap(ciphertext, 1, 4).getInt();
  }

  /**
   * Decrypts a ciphertext made by {@link #encrypt}.
   *
   * @throws BarrierException if the key, the additional data or the bytes are wrong
   */
  public static byte[] decrypt(SecretKey key, byte[] aad, byte[] ciphertext) {
    term(ciphertext);
    try {
      Cipher cipher = take(key);
      cipher.init(
          Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ciphertext, 5, NONCE_BYTES));
      cipher.updateAAD(aad);
      byte[] plaintext = cipher.doFinal(ciphertext, HEADER_BYTES, ciphertext.length - HEADER_BYTES);
      giveBack(key, cipher);
      return plaintext;
    } catch (javax.crypto.AEADBadTagException e) {
      throw new BarrierException("message authentication failed");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM decryption failed", e);
    }
  }

  private static Cipher take(SecretKey key) throws GeneralSecurityException {
    return key instanceof KeyMaterial k ? k.ciphers().take() : CipherPool.newCipher();
  }

  /** Only a cipher that completed is given back: a failed one may be in any state. */
  private static void giveBack(SecretKey key, Cipher cipher) {
    if (key instanceof KeyMaterial k) {
      k.ciphers().giveBack(cipher);
    }
  }

  /** Fresh random bytes from a strong generator. */
  public static byte[] randomBytes(int length) {
    byte[] b = new byte[length];
    RANDOM.nextBytes(b);
    return b;
  }
}
