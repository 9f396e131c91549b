package dev.coffer.auth.approle;

import dev.coffer.spi.Storage;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under a random salt kept in the mount's own storage at {@value #KEY}: role ids,
 * secret ids and accessors are stored only as these hashes.
 */
final class Hmac {
  /** Where the salt is stored. */
  static final String KEY = "salt";

  private static final SecureRandom RANDOM = new SecureRandom();
  private final byte[] salt;

  private Hmac(byte[] salt) {
    this.salt = salt;
  }

  /** The salt of this storage, created at first use. */
  static Hmac of(Storage storage) {
    return new Hmac(
        storage.transaction(
            s ->
                s.get(KEY)
                    .orElseGet(
                        () -> {
                          byte[] fresh = new byte[32];
                          RANDOM.nextBytes(fresh);
                          s.put(KEY, fresh);
                          return fresh;
                        })));
  }

  /** The hex HMAC of {@code value}. */
  String hash(String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(salt, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** Whether two hashes are equal, compared in constant time. */
  static boolean same(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
