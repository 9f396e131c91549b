package dev.coffer.server.core.barrier;

import java.util.Arrays;
import javax.crypto.SecretKey;

/**
 * An AES or HMAC key that can be wiped. Unlike {@link javax.crypto.spec.SecretKeySpec} (which
 * cannot be destroyed on Java 17), {@link #destroy()} zeroes the bytes, so sealing really drops the
 * keys from memory. {@link #getEncoded()} hands out a copy, as providers expect.
 */
public final class KeyMaterial implements SecretKey {
  private static final long serialVersionUID = 1L;

  private final String algorithm;
  private final byte[] bytes;
  private final transient CipherPool ciphers = new CipherPool();
  private volatile boolean destroyed;

  /**
   * Wraps a copy of {@code bytes} as a key for {@code algorithm} ({@code AES}, {@code HmacSHA256}).
   */
  public KeyMaterial(String algorithm, byte[] bytes) {
    this.algorithm = algorithm;
    this.bytes = bytes.clone();
  }

  /** An AES key. */
  public static KeyMaterial aes(byte[] bytes) {
    if (bytes.length != AesGcm.KEY_BYTES) {
      throw new IllegalArgumentException("an AES-256 key has 32 bytes");
    }
    return new KeyMaterial("AES", bytes);
  }

  @Override
  public String getAlgorithm() {
    return algorithm;
  }

  @Override
  public String getFormat() {
    return "RAW";
  }

  @Override
  public byte[] getEncoded() {
    if (destroyed) {
      throw new IllegalStateException("key has been destroyed");
    }
    return bytes.clone();
  }

  /** Idle AES-GCM ciphers last used with this key (see {@link AesGcm}). */
  CipherPool ciphers() {
    return ciphers;
  }

  @Override
  public void destroy() {
    Arrays.fill(bytes, (byte) 0);
    destroyed = true;
    ciphers.clear();
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  @Override
  public String toString() {
    return "KeyMaterial[" + algorithm + "]";
  }
}
