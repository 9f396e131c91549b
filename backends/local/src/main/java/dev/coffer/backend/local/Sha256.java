package dev.coffer.backend.local;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of text, for the local backend's storage keys and row ids. */
public final class Sha256 {
  // digest() resets the digest, so each thread reuses its own without a provider lookup per call.
  private static final ThreadLocal<MessageDigest> DIGEST =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-256 is missing from this JDK", e);
            }
          });

  private Sha256() {}

  /** The SHA-256 of {@code text}'s UTF-8 bytes. */
  public static byte[] of(String text) {
    return DIGEST.get().digest(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The SHA-256 of {@code text}'s UTF-8 bytes, as 64 lower-case hex digits. */
  public static String hex(String text) {
    return HexFormat.of().formatHex(of(text));
  }
}
