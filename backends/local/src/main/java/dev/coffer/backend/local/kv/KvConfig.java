package dev.coffer.backend.local.kv;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.coffer.spi.Durations;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** A KV v2 mount's settings, stored at {@code config}. */
final class KvConfig {
  /** Versions kept per secret when neither the mount nor the secret sets a limit. */
  static final long DEFAULT_MAX_VERSIONS = 10;

  @JsonProperty("max_versions")
  long maxVersions;

  @JsonProperty("cas_required")
  boolean casRequired;

  @JsonProperty("delete_version_after_ns")
  long deleteVersionAfterNanos;

  Duration deleteVersionAfter() {
    return Duration.ofNanos(deleteVersionAfterNanos);
  }

  /** {@code GET config}: {@code {cas_required, delete_version_after, max_versions}}. */
  Map<String, Object> toResponse() {
    Map<String, Object> out = new TreeMap<>();
    out.put("cas_required", casRequired);
    out.put("delete_version_after", Durations.format(deleteVersionAfter()));
    out.put("max_versions", maxVersions);
    return out;
  }
}
