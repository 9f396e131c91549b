package dev.coffer.server.core.seal;

import dev.coffer.spi.Seal;

/**
 * The {@code shamir} seal: the root key is wrapped with a key that operators hold as Shamir shares
 * and hand back through {@code sys/unseal}.
 */
public final class ShamirSeal implements Seal {
  /** The type name. */
  public static final String TYPE = "shamir";

  /** Vault's message for a wrong set of unseal keys. */
  public static final String INVALID_KEY = "Unseal failed, invalid key";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public boolean needsKeyShares() {
    return true;
  }

  @Override
  public byte[] wrap(byte[] rootKey, byte[] keyFromShares) {
    if (keyFromShares == null) {
      throw new IllegalArgumentException("the shamir seal needs the key from shares");
    }
    return AesGcmSeal.wrap(keyFromShares, rootKey);
  }

  @Override
  public byte[] unwrap(byte[] wrapped, byte[] keyFromShares) {
    return AesGcmSeal.unwrap(keyFromShares, wrapped, INVALID_KEY);
  }

  @Override
  public String toString() {
    return "ShamirSeal";
  }
}
