package dev.coffer.server.core.token;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** Vault's policy list rules: trimmed, lower case, sorted, no duplicates; {@code root} alone. */
final class TokenPolicies {
  static final String ROOT = "root";
  static final String DEFAULT = "default";

  private TokenPolicies() {}

  /** The cleaned list; {@code root} drops every other policy; {@code default} added if asked. */
  static List<String> sanitize(List<String> policies, boolean addDefault) {
    TreeSet<String> set = new TreeSet<>();
    for (String p : policies) {
      String t = p == null ? "" : p.trim().toLowerCase(Locale.ROOT);
      if (!t.isEmpty()) {
        set.add(t);
      }
    }
    if (set.contains(ROOT)) {
      return List.of(ROOT);
    }
    if (addDefault) {
      set.add(DEFAULT);
    }
    return List.copyOf(set);
  }

  /** The list without {@code default}. */
  static List<String> withoutDefault(List<String> policies) {
    List<String> out = new ArrayList<>(policies);
    out.remove(DEFAULT);
    return out;
  }

  /** Whether every policy of {@code subset} except {@code default} is in {@code superset}. */
  static boolean subset(List<String> superset, List<String> subset) {
    return superset.containsAll(withoutDefault(subset));
  }
}
