package dev.coffer.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.server.it.VaultApi.Answer;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 TOTP codes (HMAC-SHA1, 30-second steps, 6 digits) for tests, and TOTP enrolment over the
 * real API: a method from {@code identity/mfa/method/totp}, an entity enrolled with {@code
 * identity/mfa/method/totp/admin-generate}, its secret taken from the answered {@code otpauth://}
 * URL.
 */
final class Totp {
  private static final long STEP_SECONDS = 30;
  private static final Pattern SECRET = Pattern.compile("[?&]secret=([A-Z2-7]+)");
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private Totp() {}

  /** Creates a TOTP method with Vault's defaults (SHA1, 6 digits, 30 s); returns its id. */
  static String createMethod(VaultApi root) {
    Answer method = root.post("identity/mfa/method/totp", "{\"issuer\":\"Coffer\"}");
    assertThat(method.status()).as(method.raw()).isEqualTo(200);
    return method.data().get("method_id").asText();
  }

  /** Enrols {@code entityId} in {@code methodId}; returns the secret from the answered URL. */
  static byte[] enrol(VaultApi root, String methodId, String entityId) {
    Answer generated =
        root.post(
            "identity/mfa/method/totp/admin-generate",
            "{\"method_id\":\"" + methodId + "\",\"entity_id\":\"" + entityId + "\"}");
    assertThat(generated.status()).as(generated.raw()).isEqualTo(200);
    String url = generated.data().get("url").asText();
    Matcher m = SECRET.matcher(url);
    assertThat(url).startsWith("otpauth://totp/");
    assertThat(m.find()).as("a secret in " + url.replaceAll("secret=[^&]*", "secret=…")).isTrue();
    return base32(m.group(1));
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

  /** RFC 4648 base32 without padding, as in {@code otpauth://} URLs. */
  static byte[] base32(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int buffer = 0;
    int bits = 0;
    for (char c : s.toCharArray()) {
      int v = BASE32.indexOf(c);
      if (v < 0) {
        throw new IllegalArgumentException("not base32: " + c);
      }
      buffer = (buffer << 5) | v;
      bits += 5;
      if (bits >= 8) {
        out.write((buffer >> (bits - 8)) & 0xff);
        bits -= 8;
      }
    }
    return out.toByteArray();
  }
}
