package dev.coffer.server.it;

import dev.coffer.server.core.stepup.MfaCheck;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 TOTP (HMAC-SHA1, 30-second steps, 6 digits) for tests, and an {@link MfaCheck} backed by
 * it: entities enrolled with a known secret, codes valid for the current step (±1), each code
 * burned on first use. Stands in for the real TOTP enrolment until it is merged.
 */
final class Totp implements MfaCheck {
  private static final long STEP_SECONDS = 30;

  private final Clock clock;
  private final Map<String, byte[]> secrets = new ConcurrentHashMap<>();
  private final Set<String> used = ConcurrentHashMap.newKeySet();

  Totp(Clock clock) {
    this.clock = clock;
  }

  /** Enrols {@code entityId} with {@code secret}. */
  void enrol(String entityId, byte[] secret) {
    secrets.put(entityId, secret.clone());
  }

  /** The code of {@code secret} now (by the server's clock). */
  String codeNow(byte[] secret) {
    return code(secret, clock.instant());
  }

  /** The RFC 6238 code of {@code secret} at {@code time}. */
  static String code(byte[] secret, Instant time) {
    return hotp(secret, Math.floorDiv(time.getEpochSecond(), STEP_SECONDS));
  }

  /** RFC 4226 HOTP with dynamic truncation, 6 digits. */
  static String hotp(byte[] secret, long counter) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret, "HmacSHA1"));
      byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
      int offset = h[h.length - 1] & 0x0f;
      int binary =
          ((h[offset] & 0x7f) << 24)
              | ((h[offset + 1] & 0xff) << 16)
              | ((h[offset + 2] & 0xff) << 8)
              | (h[offset + 3] & 0xff);
      return String.format("%06d", binary % 1_000_000);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean verify(String entityId, String methodId, String passcode) {
    byte[] secret = secrets.get(entityId);
    if (secret == null) {
      return false;
    }
    long step = Math.floorDiv(clock.instant().getEpochSecond(), STEP_SECONDS);
    for (long s = step - 1; s <= step + 1; s++) {
      if (hotp(secret, s).equals(passcode)) {
        return used.add(entityId + ":" + s);
      }
    }
    return false;
  }

  @Override
  public boolean enrolled(String entityId) {
    return secrets.containsKey(entityId);
  }
}
