package dev.coffer.server.core.killswitch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one firing of the killswitch did.
 *
 * @param revokedLeases leases whose secrets were taken back
 * @param revokedTokens non-root tokens revoked
 * @param rotated what was rotated, as {@code <mount><path>}
 * @param failures what could not be revoked or rotated, with the reason (never a secret)
 * @param sealed whether the server seals once the answer is sent
 */
public record KillswitchReport(
    long revokedLeases,
    long revokedTokens,
    List<String> rotated,
    List<Failure> failures,
    boolean sealed) {

  public KillswitchReport {
    rotated = List.copyOf(rotated);
    failures = List.copyOf(failures);
  }

  /** One thing the killswitch could not do. */
  public record Failure(String what, String error) {}

  /** The report as the API answers it. */
  public Map<String, Object> toData() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("revoked_leases", revokedLeases);
    m.put("revoked_tokens", revokedTokens);
    m.put("rotated", rotated);
    m.put(
        "failures",
        failures.stream().map(f -> Map.of("what", f.what(), "error", f.error())).toList());
    m.put("sealed", sealed);
    return m;
  }
}
