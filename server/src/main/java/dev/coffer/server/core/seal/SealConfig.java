package dev.coffer.server.core.seal;

import dev.coffer.server.core.Json;
import dev.coffer.spi.CofferException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the storage was initialised, stored unencrypted at {@value #KEY} (it is needed while sealed):
 * the seal type and, for Shamir, the number of shares and the threshold.
 */
public record SealConfig(String type, int shares, int threshold) {
  /** Where the seal configuration is stored. */
  public static final String KEY = "core/seal-config";

  /**
   * Checks the share settings as Vault does.
   *
   * @throws CofferException with Vault's "invalid seal configuration: ..." message
   */
  public static void validateShares(int shares, int threshold) {
    String problem = null;
    if (shares < 1) {
      problem = "shares must be at least one";
    } else if (threshold < 1) {
      problem = "threshold must be at least one";
    } else if (shares > 1 && threshold == 1) {
      problem = "threshold must be greater than one for multiple shares";
    } else if (shares > 255) {
      problem = "shares must be less than 256";
    } else if (threshold > shares) {
      problem = "threshold cannot be larger than shares";
    }
    if (problem != null) {
      throw CofferException.invalid("invalid seal configuration: " + problem);
    }
  }

  byte[] toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type);
    m.put("secret_shares", shares);
    m.put("secret_threshold", threshold);
    return Json.write(m);
  }

  static SealConfig fromJson(byte[] json) {
    Map<String, Object> m = Json.read(json);
    return new SealConfig(
        (String) m.get("type"),
        ((Number) m.get("secret_shares")).intValue(),
        ((Number) m.get("secret_threshold")).intValue());
  }
}
