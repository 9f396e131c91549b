package dev.coffer.server.core.breakglass;

import dev.coffer.server.core.policy.store.PolicyStore;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a {@code sys/break-glass/request} asks for, checked against the configuration: a reason,
 * configured break-glass policies that exist and/or paths with capabilities, and a window no longer
 * than {@code max_ttl} (unset, zero or negative: {@code max_ttl}).
 *
 * @param policies normalised policy names, without duplicates
 * @param capabilities the capabilities on {@code paths} ({@code read} when not given)
 */
record RequestedAccess(
    String reason,
    List<String> policies,
    List<String> paths,
    List<String> capabilities,
    Duration ttl) {
  static final int MAX_REASON = 1024;

  /**
   * Reads a request's fields.
   *
   * @throws CofferException 400 naming the missing or bad field
   */
  static RequestedAccess of(Map<String, Object> data, BreakGlassConfig config, PolicyStore store) {
    String reason = data.get("reason") == null ? "" : data.get("reason").toString().trim();
    if (reason.isEmpty()) {
      throw CofferException.invalid("reason is required: say why break-glass access is needed");
    }
    if (reason.length() > MAX_REASON) {
      throw CofferException.invalid("reason is longer than " + MAX_REASON + " characters");
    }
    List<String> asked = names(data.get("policies"));
    for (String p : asked) {
      if (!config.policies().contains(p)) {
        throw CofferException.invalid(
            "policy \""
                + p
                + "\" is not a break-glass policy (configured: "
                + String.join(", ", config.policies())
                + ")");
      }
      if (store.get(p).isEmpty()) {
        throw CofferException.invalid("policy \"" + p + "\" does not exist");
      }
    }
    List<String> paths = BreakGlassConfig.strings(data.get("paths"));
    List<String> caps =
        data.get("capabilities") == null
            ? List.of("read")
            : BreakGlassConfig.strings(data.get("capabilities"));
    if (asked.isEmpty() && paths.isEmpty()) {
      throw CofferException.invalid("name break-glass policies or paths to grant");
    }
    if (!paths.isEmpty()) {
      BreakGlassPolicies.checkPaths(paths, caps);
    }
    Duration ttl =
        data.get("ttl") == null ? config.maxTtl() : BreakGlassConfig.duration(data.get("ttl"));
    if (ttl.isNegative() || ttl.isZero()) {
      ttl = config.maxTtl();
    }
    if (ttl.compareTo(config.maxTtl()) > 0) {
      throw CofferException.invalid(
          "ttl "
              + Durations.format(ttl)
              + " is above the break-glass max_ttl of "
              + Durations.format(config.maxTtl()));
    }
    return new RequestedAccess(reason, asked, paths, caps, ttl);
  }

  private static List<String> names(Object v) {
    List<String> out = new ArrayList<>();
    for (String s : BreakGlassConfig.strings(v)) {
      String n = PolicyStore.normalize(s);
      if (!out.contains(n)) {
        out.add(n);
      }
    }
    return out;
  }
}
