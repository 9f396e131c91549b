package dev.coffer.server.core.quota;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of {@code sys/quotas/config}.
 *
 * @param auditLogging {@code enable_rate_limit_audit_logging}: record refused requests in the audit
 *     log (stored for compatibility; refusals are audited by the core either way)
 * @param responseHeaders {@code enable_rate_limit_response_headers}: stored for compatibility; the
 *     HTTP layer does not emit rate-limit headers yet
 * @param exemptPaths {@code rate_limit_exempt_paths}: paths no quota applies to; an entry ending in
 *     {@code *} is a prefix
 */
public record RateLimitConfig(
    boolean auditLogging, boolean responseHeaders, List<String> exemptPaths) {

  /** Vault's default exempt paths, in force until the config is first written. */
  public static final List<String> DEFAULT_EXEMPT_PATHS =
      List.of(
          "sys/generate-recovery-token/attempt",
          "sys/generate-recovery-token/update",
          "sys/generate-root/attempt",
          "sys/generate-root/update",
          "sys/health",
          "sys/seal-status",
          "sys/unseal");

  /** The config before anything is written. */
  public static final RateLimitConfig DEFAULT =
      new RateLimitConfig(false, false, DEFAULT_EXEMPT_PATHS);

  public RateLimitConfig {
    exemptPaths =
        exemptPaths == null
            ? List.of()
            : exemptPaths.stream().map(RateLimitConfig::normalize).toList();
  }

  /** Whether no quota applies to {@code path} (a request path without leading {@code /}). */
  public boolean exempt(String path) {
    for (String p : exemptPaths) {
      if (p.endsWith("*") ? path.startsWith(p.substring(0, p.length() - 1)) : path.equals(p)) {
        return true;
      }
    }
    return false;
  }

  /** The body of {@code GET sys/quotas/config}. */
  public Map<String, Object> toApi() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("enable_rate_limit_audit_logging", auditLogging);
    m.put("enable_rate_limit_response_headers", responseHeaders);
    m.put("rate_limit_exempt_paths", exemptPaths);
    return m;
  }

  /** Reads the stored form (the same as the API form). */
  @SuppressWarnings("unchecked")
  static RateLimitConfig fromJson(Map<String, Object> m) {
    return new RateLimitConfig(
        Boolean.TRUE.equals(m.get("enable_rate_limit_audit_logging")),
        Boolean.TRUE.equals(m.get("enable_rate_limit_response_headers")),
        (List<String>) m.get("rate_limit_exempt_paths"));
  }

  private static String normalize(String path) {
    String p = path.trim();
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    return p.startsWith("v1/") ? p.substring(3) : p;
  }
}
