package dev.coffer.server.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash chain that makes an audit log tamper-evident. Every line carries {@code seq} (1, 2, 3...
 * per device) and {@code prev_hash}: the SHA-256 (hex) of the previous line's exact bytes, without
 * its line break. The first line of a device's chain is a header whose {@code prev_hash} is {@link
 * #genesisHash} of the device's salt id.
 */
public final class AuditChain {
  /** The fixed text the first hash of every chain is computed from (followed by the salt id). */
  public static final String GENESIS = "coffer-audit-genesis:";

  /** The {@code type} of a chain header line. */
  public static final String HEADER_TYPE = "audit_chain";

  /** A header that starts a new chain. */
  public static final String REASON_START = "start";

  /** A header that starts a new file after size-based rotation. */
  public static final String REASON_ROTATED = "rotated";

  /** A header that starts a new file after the old one was moved or deleted. */
  public static final String REASON_REOPENED = "reopened";

  private AuditChain() {}

  /** SHA-256 of {@code bytes}, lowercase hex. */
  public static String sha256Hex(byte[] bytes) {
    // digest() resets the digest: each thread reuses its own (this runs under a device's lock).
    return HexFormat.of().formatHex(SHA256.get().digest(bytes));
  }

  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-256 unavailable", e);
            }
          });

  /** The {@code prev_hash} of a chain's first line: SHA-256 of {@code GENESIS + saltId}. */
  public static String genesisHash(String saltId) {
    return sha256Hex((GENESIS + saltId).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The public id of a device's salt: the first 16 hex digits of SHA-256 of {@code
   * "coffer-audit-salt-id:"} followed by the salt bytes. Reveals nothing of the salt.
   */
  public static String saltId(byte[] salt) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update("coffer-audit-salt-id:".getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d.digest(salt)).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
