package dev.coffer.server.core.barrier;

/**
 * A value could not be decrypted: wrong key, wrong storage key (AAD), tampered or foreign bytes.
 * The message never contains key material or plaintext.
 */
public final class BarrierException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure with a message safe to log. */
  public BarrierException(String message) {
    super(message);
  }
}
