package dev.coffer.spi;

/**
 * Protects Coffer's root key. While sealed, Coffer holds only the wrapped root key and can decrypt
 * nothing; unsealing unwraps it.
 *
 * <p>An auto-unseal seal (a static key, a cloud KMS) wraps with a key it obtains itself. A seal
 * that {@link #needsKeyShares() needs key shares} (Shamir) wraps with a key that operators
 * reassemble from shares; the server passes that key in as {@code keyFromShares}.
 */
@Experimental("seals wait for the cloud KMS seals; the wrap/unwrap signatures may change")
public interface Seal extends AutoCloseable {

  /** The seal's type name, e.g. {@code static}. */
  String type();

  /** Whether operators must supply key shares to unseal; {@code false} for auto-unseal seals. */
  default boolean needsKeyShares() {
    return false;
  }

  /**
   * Encrypts the root key.
   *
   * @param rootKey the key to protect
   * @param keyFromShares the key assembled from shares, or {@code null} for auto-unseal seals
   */
  byte[] wrap(byte[] rootKey, byte[] keyFromShares);

  /**
   * Decrypts the root key.
   *
   * @throws CofferException with {@link ErrorCode#INVALID_REQUEST} if the key is wrong
   */
  byte[] unwrap(byte[] wrapped, byte[] keyFromShares);

  /** Releases any connection the seal holds. */
  @Override
  default void close() {}
}
