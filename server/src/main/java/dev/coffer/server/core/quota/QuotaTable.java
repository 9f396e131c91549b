package dev.coffer.server.core.quota;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable index of the rate-limit quotas and their limiters, answering "which quota governs
 * this request" with Vault's precedence: exact path, then the longest {@code *} prefix, then the
 * mount, then the global quota.
 */
final class QuotaTable {
  static final QuotaTable EMPTY = new QuotaTable(Map.of());

  private final Map<String, ClientLimiter> byName;
  private final ClientLimiter global;
  private final Map<String, ClientLimiter> byMount = new HashMap<>();
  private final Map<String, ClientLimiter> byExactPath = new HashMap<>();
  private final Map<String, List<ClientLimiter>> globsByMount = new HashMap<>();

  private QuotaTable(Map<String, ClientLimiter> limiters) {
    this.byName = Collections.unmodifiableMap(new TreeMap<>(limiters));
    ClientLimiter g = null;
    for (ClientLimiter l : byName.values()) {
      RateLimitQuota q = l.quota();
      switch (q.scope()) {
        case GLOBAL -> g = l;
        case MOUNT -> byMount.put(q.mountPath(), l);
        case PATH -> {
          if (q.glob()) {
            globsByMount.computeIfAbsent(q.mountPath(), k -> new ArrayList<>()).add(l);
          } else {
            byExactPath.put(q.path(), l);
          }
        }
      }
    }
    globsByMount
        .values()
        .forEach(
            list ->
                list.sort(
                    Comparator.comparingInt((ClientLimiter l) -> l.quota().suffixPrefix().length())
                        .reversed()));
    this.global = g;
  }

  /** A table with {@code limiter}'s quota added or replacing the one of the same name. */
  QuotaTable with(ClientLimiter limiter) {
    Map<String, ClientLimiter> next = new HashMap<>(byName);
    next.put(limiter.quota().name(), limiter);
    return new QuotaTable(next);
  }

  /** A table without the quota {@code name}. */
  QuotaTable without(String name) {
    Map<String, ClientLimiter> next = new HashMap<>(byName);
    next.remove(name);
    return new QuotaTable(next);
  }

  boolean isEmpty() {
    return byName.isEmpty();
  }

  Optional<RateLimitQuota> quota(String name) {
    return Optional.ofNullable(byName.get(name)).map(ClientLimiter::quota);
  }

  /** The quota names, sorted. */
  List<String> names() {
    return List.copyOf(byName.keySet());
  }

  /** Another quota covering exactly the paths {@code quota} covers, if any. */
  Optional<RateLimitQuota> sameTarget(RateLimitQuota quota) {
    return byName.values().stream()
        .map(ClientLimiter::quota)
        .filter(q -> !q.name().equals(quota.name()) && q.sameTarget(quota))
        .findFirst();
  }

  /**
   * The limiter governing a request to {@code relativePath} inside the mount {@code mountPath}, or
   * {@code null} if no quota applies.
   */
  ClientLimiter match(String mountPath, String relativePath) {
    if (!relativePath.isEmpty()) {
      ClientLimiter exact = byExactPath.get(mountPath + relativePath);
      if (exact != null) {
        return exact;
      }
      List<ClientLimiter> globs = globsByMount.get(mountPath);
      if (globs != null) {
        for (ClientLimiter l : globs) {
          if (relativePath.startsWith(l.quota().suffixPrefix())) {
            return l;
          }
        }
      }
    }
    ClientLimiter mount = byMount.get(mountPath);
    return mount != null ? mount : global;
  }
}
