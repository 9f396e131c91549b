package dev.coffer.server.http;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Random (version 4) UUIDs for request ids, from one DRBG per thread. {@link UUID#randomUUID()}
 * draws from one process-wide {@code NativePRNG} behind a lock, which under load made request
 * threads queue for each other; a per-thread generator keeps ids just as unpredictable without the
 * queue.
 */
final class RequestIds {
  private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(RequestIds::drbg);

  private RequestIds() {}

  /** A new random request id, formatted like {@link UUID#toString()}. */
  static String next() {
    byte[] b = new byte[16];
    RANDOM.get().nextBytes(b);
    b[6] = (byte) ((b[6] & 0x0f) | 0x40); // version 4
    b[8] = (byte) ((b[8] & 0x3f) | 0x80); // IETF variant
    long msb = 0;
    long lsb = 0;
    for (int i = 0; i < 8; i++) {
      msb = (msb << 8) | (b[i] & 0xff);
      lsb = (lsb << 8) | (b[i + 8] & 0xff);
    }
    return new UUID(msb, lsb).toString();
  }

  private static SecureRandom drbg() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }
}
