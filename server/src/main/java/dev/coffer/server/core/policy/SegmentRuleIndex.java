package dev.coffer.server.core.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code +} rules of an ACL, grouped by their first segment so a lookup only tries rules that
 * can match: those whose literal first segment equals the path's, and those starting with {@code
 * +}. Each group is sorted by priority, highest first, so the first match of a merged walk is the
 * best {@code +} rule.
 */
final class SegmentRuleIndex {
  private static final Permissions[] NONE = new Permissions[0];
  private static final Comparator<Permissions> HIGHEST_FIRST =
      (a, b) -> Acl.lowerPriority(a, b) ? 1 : Acl.lowerPriority(b, a) ? -1 : 0;

  private final Map<String, Permissions[]> byFirstSegment;
  private final Permissions[] leadingPlus;

  SegmentRuleIndex(List<Permissions> rules) {
    Map<String, List<Permissions>> groups = new HashMap<>();
    List<Permissions> plus = new ArrayList<>();
    for (Permissions p : rules) {
      String first = firstSegment(p.pattern);
      if (first.equals("+")) {
        plus.add(p);
      } else {
        groups.computeIfAbsent(first, k -> new ArrayList<>()).add(p);
      }
    }
    Map<String, Permissions[]> index = new HashMap<>();
    groups.forEach((k, v) -> index.put(k, sorted(v)));
    this.byFirstSegment = index;
    this.leadingPlus = sorted(plus);
  }

  /**
   * The best {@code +} rule matching {@code path} if it beats {@code floor} (the prefix candidate,
   * may be {@code null}); otherwise {@code floor}.
   */
  Permissions best(String path, Permissions floor) {
    Permissions[] a = candidates(path);
    Permissions[] b = leadingPlus;
    int i = 0;
    int j = 0;
    while (i < a.length || j < b.length) {
      Permissions s;
      if (j >= b.length || (i < a.length && !Acl.lowerPriority(a[i], b[j]))) {
        s = a[i++];
      } else {
        s = b[j++];
      }
      if (floor != null && !Acl.lowerPriority(floor, s)) {
        return floor; // no remaining + rule can beat the prefix candidate
      }
      if (s.matchesSegments(path)) {
        return s;
      }
    }
    return floor;
  }

  /** Every {@code +} rule that may match {@code path}: same first segment, or a leading +. */
  Permissions[] candidates(String path) {
    Permissions[] group = byFirstSegment.get(firstSegment(path));
    return group == null ? NONE : group;
  }

  /** The rules starting with a {@code +} segment. */
  Permissions[] leadingPlus() {
    return leadingPlus;
  }

  private static String firstSegment(String path) {
    int slash = path.indexOf('/');
    return slash < 0 ? path : path.substring(0, slash);
  }

  private static Permissions[] sorted(List<Permissions> rules) {
    Permissions[] out = rules.toArray(NONE);
    java.util.Arrays.sort(out, HIGHEST_FIRST);
    return out;
  }
}
