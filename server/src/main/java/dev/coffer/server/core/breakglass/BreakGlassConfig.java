package dev.coffer.server.core.breakglass;

import dev.coffer.server.core.policy.store.PolicyStore;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.Durations;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sys/break-glass/config}: how break-glass access works on this server.
 *
 * @param maxTtl the longest window a request may ask for (default 1h)
 * @param requiredApprovals how many other operators must approve (default 0: granted at once)
 * @param policies the break-glass-only policies: requests may ask for them; nothing else may attach
 *     them to a token
 * @param webhookUrls where grant notifications are sent
 * @param webhookSecret the HMAC-SHA256 key of the notifications' signature (secret: never returned
 *     or logged)
 */
public record BreakGlassConfig(
    Duration maxTtl,
    int requiredApprovals,
    List<String> policies,
    List<String> webhookUrls,
    String webhookSecret) {
  /** The default {@code max_ttl}. */
  public static final Duration DEFAULT_MAX_TTL = Duration.ofHours(1);

  static final int MAX_APPROVALS = 16;

  /** The configuration before anyone wrote one. */
  public static final BreakGlassConfig DEFAULT =
      new BreakGlassConfig(DEFAULT_MAX_TTL, 0, List.of(), List.of(), "");

  public BreakGlassConfig {
    policies = List.copyOf(policies);
    webhookUrls = List.copyOf(webhookUrls);
    webhookSecret = webhookSecret == null ? "" : webhookSecret;
  }

  /**
   * This configuration with the fields of a {@code POST sys/break-glass/config} applied (fields not
   * sent keep their value).
   *
   * @throws CofferException 400 naming the field at fault
   */
  BreakGlassConfig update(Map<String, Object> data) {
    Duration ttl = maxTtl;
    if (data.get("max_ttl") != null) {
      ttl = duration(data.get("max_ttl"));
      if (ttl.isZero() || ttl.isNegative()) {
        throw CofferException.invalid("max_ttl must be a positive duration, e.g. \"1h\"");
      }
    }
    int approvals = requiredApprovals;
    if (data.get("required_approvals") != null) {
      Object v = data.get("required_approvals");
      long n;
      try {
        n = v instanceof Number num ? num.longValue() : Long.parseLong(v.toString().trim());
      } catch (NumberFormatException e) {
        throw CofferException.invalid("required_approvals must be a whole number");
      }
      if (n < 0 || n > MAX_APPROVALS) {
        throw CofferException.invalid("required_approvals must be between 0 and " + MAX_APPROVALS);
      }
      approvals = (int) n;
    }
    List<String> names = policies;
    if (data.get("policies") != null) {
      names = new ArrayList<>();
      for (String p : strings(data.get("policies"))) {
        String name = PolicyStore.normalize(p);
        if (name.equals("root") || name.equals("default")) {
          throw CofferException.invalid(
              "policies: \"" + name + "\" cannot be a break-glass-only policy");
        }
        if (!name.isEmpty() && !names.contains(name)) {
          names.add(name);
        }
      }
    }
    List<String> urls = webhookUrls;
    if (data.get("webhook_urls") != null) {
      urls = new ArrayList<>();
      for (String u : strings(data.get("webhook_urls"))) {
        urls.add(checkUrl(u.trim()));
      }
    }
    String secret = webhookSecret;
    if (data.get("webhook_secret") != null) {
      secret = data.get("webhook_secret").toString();
    }
    return new BreakGlassConfig(ttl, approvals, names, urls, secret);
  }

  /** What {@code GET sys/break-glass/config} shows: everything but the webhook secret. */
  Map<String, Object> toApi() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("max_ttl", maxTtl.toSeconds());
    m.put("required_approvals", requiredApprovals);
    m.put("policies", policies);
    m.put("webhook_urls", webhookUrls);
    m.put("webhook_secret_set", !webhookSecret.isEmpty());
    return m;
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("max_ttl", maxTtl.toSeconds());
    m.put("required_approvals", requiredApprovals);
    m.put("policies", policies);
    m.put("webhook_urls", webhookUrls);
    m.put("webhook_secret", webhookSecret);
    return m;
  }

  @SuppressWarnings("unchecked")
  static BreakGlassConfig fromJson(Map<String, Object> m) {
    return new BreakGlassConfig(
        Duration.ofSeconds(((Number) m.get("max_ttl")).longValue()),
        ((Number) m.get("required_approvals")).intValue(),
        (List<String>) m.get("policies"),
        (List<String>) m.get("webhook_urls"),
        (String) m.get("webhook_secret"));
  }

  @Override
  public String toString() {
    return "BreakGlassConfig[maxTtl="
        + maxTtl
        + ", requiredApprovals="
        + requiredApprovals
        + ", policies="
        + policies
        + ", webhookUrls="
        + webhookUrls
        + "]";
  }

  static Duration duration(Object v) {
    if (v instanceof Number n) {
      return Duration.ofSeconds(n.longValue());
    }
    if (v instanceof Duration d) {
      return d;
    }
    try {
      String s = v.toString().trim();
      return s.chars().allMatch(Character::isDigit) && !s.isEmpty()
          ? Duration.ofSeconds(Long.parseLong(s))
          : Durations.parse(s);
    } catch (RuntimeException e) {
      throw CofferException.invalid("invalid duration \"" + v + "\" (e.g. \"30m\", \"1h\")");
    }
  }

  static List<String> strings(Object v) {
    List<String> out = new ArrayList<>();
    if (v instanceof List<?> list) {
      for (Object o : list) {
        if (o != null && !o.toString().isBlank()) {
          out.add(o.toString().trim());
        }
      }
    } else if (v != null) {
      for (String s : v.toString().split(",")) {
        if (!s.isBlank()) {
          out.add(s.trim());
        }
      }
    }
    return out;
  }

  private static String checkUrl(String url) {
    try {
      URI u = URI.create(url);
      if ((u.getScheme() != null)
          && (u.getScheme().equals("http") || u.getScheme().equals("https"))
          && u.getHost() != null) {
        return url;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw CofferException.invalid("webhook_urls: \"" + url + "\" is not an http(s) URL");
  }
}
