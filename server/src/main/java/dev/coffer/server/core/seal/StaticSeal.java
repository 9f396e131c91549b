package dev.coffer.server.core.seal;

import dev.coffer.spi.Seal;
import java.util.Arrays;

/**
 * The {@code static} seal: an auto-unseal seal that wraps the root key with a fixed 32-byte key
 * from the configuration, an environment variable or a key file.
 */
public final class StaticSeal implements Seal {
  /** The type name. */
  public static final String TYPE = "static";

  private final byte[] key;

  /** A seal with this 32-byte key (copied). */
  public StaticSeal(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("the static seal key has 32 bytes");
    }
    this.key = key.clone();
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public byte[] wrap(byte[] rootKey, byte[] keyFromShares) {
    return AesGcmSeal.wrap(key, rootKey);
  }

  @Override
  public byte[] unwrap(byte[] wrapped, byte[] keyFromShares) {
    return AesGcmSeal.unwrap(
        key, wrapped, "cannot unwrap the root key: the static seal key does not match");
  }

  /** Zeroes the key. */
  @Override
  public void close() {
    Arrays.fill(key, (byte) 0);
  }

  @Override
  public String toString() {
    return "StaticSeal";
  }
}
