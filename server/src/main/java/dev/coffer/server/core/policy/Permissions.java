package dev.coffer.server.core.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The merged permissions of every rule with the same pattern across a token's policies, plus what
 * the priority rules need to know about the pattern. Built and merged only while an {@link Acl} is
 * constructed, never changed afterwards.
 */
final class Permissions {
  /** How the pattern matches. */
  enum Kind {
    EXACT,
    PREFIX,
    SEGMENT
  }

  final Kind kind;

  /** The pattern as written (prefix rules with their {@code *}). */
  final String pattern;

  // What Vault's priority rules compare (see Acl#lowerPriority).
  final int firstWildcard;
  final boolean prefix;
  final int wildcards;
  final String wildcardPath;

  /** For SEGMENT rules: the pattern without a trailing {@code *}, split on {@code /}. */
  private final String[] segments;

  final EnumSet<Capability> capabilities = EnumSet.noneOf(Capability.class);
  final Map<String, List<Object>> allowed = new LinkedHashMap<>();
  final Map<String, List<Object>> denied = new LinkedHashMap<>();
  final List<String> required = new ArrayList<>();
  Duration minWrappingTtl = Duration.ZERO;
  Duration maxWrappingTtl = Duration.ZERO;
  StepUp stepUp;
  private final EnumMap<Capability, List<String>> granting = new EnumMap<>(Capability.class);

  private Permissions(Kind kind, String pattern) {
    this.kind = kind;
    this.pattern = pattern;
    switch (kind) {
      case EXACT -> {
        firstWildcard = pattern.length();
        prefix = false;
        wildcards = 0;
        wildcardPath = pattern;
        segments = null;
      }
      case PREFIX -> {
        wildcardPath = pattern.substring(0, pattern.length() - 1);
        firstWildcard = wildcardPath.length();
        prefix = true;
        wildcards = 0;
        segments = null;
      }
      default -> {
        prefix = pattern.endsWith("*");
        wildcardPath = prefix ? pattern.substring(0, pattern.length() - 1) : pattern;
        firstWildcard = pattern.indexOf('+');
        segments = wildcardPath.split("/", -1);
        int n = 0;
        for (String s : segments) {
          if (s.equals("+")) {
            n++;
          }
        }
        wildcards = n;
      }
    }
  }

  /** Empty permissions for a (non-templated) pattern, classified as Vault does. */
  static Permissions forPattern(String pattern) {
    if (PathPatterns.hasSegmentWildcards(pattern)) {
      return new Permissions(Kind.SEGMENT, pattern);
    }
    if (pattern.endsWith("*")) {
      return new Permissions(Kind.PREFIX, pattern);
    }
    return new Permissions(Kind.EXACT, pattern);
  }

  /** Folds one rule of policy {@code policyName} into these permissions, as Vault merges. */
  void merge(PathRule rule, String policyName) {
    if (capabilities.contains(Capability.DENY)) {
      return;
    }
    if (rule.denies()) {
      capabilities.clear();
      capabilities.add(Capability.DENY);
      allowed.clear();
      denied.clear();
      granting.clear();
      stepUp = null;
      return;
    }
    // A step-up requirement of any rule on this pattern applies to the whole pattern.
    stepUp = StepUp.stricter(stepUp, rule.stepUp());
    capabilities.addAll(rule.capabilities());
    for (Capability c : rule.capabilities()) {
      List<String> names = granting.computeIfAbsent(c, k -> new ArrayList<>());
      if (!names.contains(policyName)) {
        names.add(policyName);
      }
    }
    // Shorter lifetimes win, as in Vault.
    if (!rule.maxWrappingTtl().isZero()
        && (maxWrappingTtl.isZero() || rule.maxWrappingTtl().compareTo(maxWrappingTtl) < 0)) {
      maxWrappingTtl = rule.maxWrappingTtl();
    }
    if (!rule.minWrappingTtl().isZero()
        && (minWrappingTtl.isZero() || rule.minWrappingTtl().compareTo(minWrappingTtl) < 0)) {
      minWrappingTtl = rule.minWrappingTtl();
    }
    mergeParameters(allowed, rule.allowedParameters());
    mergeParameters(denied, rule.deniedParameters());
    for (String r : rule.requiredParameters()) {
      if (!required.contains(r)) {
        required.add(r);
      }
    }
  }

  /** An empty value list ("any value") wins; otherwise the value lists are concatenated. */
  private static void mergeParameters(
      Map<String, List<Object>> into, Map<String, List<Object>> from) {
    from.forEach(
        (key, values) -> {
          List<Object> existing = into.get(key);
          if (values.isEmpty() || (existing != null && existing.isEmpty())) {
            into.put(key, List.of());
          } else {
            List<Object> merged = new ArrayList<>(values);
            if (existing != null) {
              merged.addAll(existing);
            }
            into.put(key, merged);
          }
        });
  }

  /** The policies that granted {@code c} on this pattern. */
  List<String> grantedBy(Capability c) {
    List<String> names = granting.get(c);
    return names == null ? List.of() : names;
  }

  /** Freezes the granting lists (called once the ACL is built). */
  void freeze() {
    granting.replaceAll((c, names) -> List.copyOf(names));
  }

  /**
   * Whether a SEGMENT pattern matches {@code path}, as Vault matches them: a {@code +} segment
   * matches any one segment (even an empty one), other segments match literally, and a trailing
   * {@code *} makes the last pattern segment a prefix of the path segment with anything after it.
   * Walks the path in place, without splitting it.
   */
  boolean matchesSegments(String path) {
    int pos = 0;
    int len = path.length();
    int last = segments.length - 1;
    for (int i = 0; i <= last; i++) {
      int slash = path.indexOf('/', pos);
      int end = slash < 0 ? len : slash;
      String seg = segments[i];
      if (i == last && prefix) {
        return seg.equals("+") || path.startsWith(seg, pos);
      }
      if (!seg.equals("+") && (end - pos != seg.length() || !path.startsWith(seg, pos))) {
        return false;
      }
      if (i == last) {
        return slash < 0;
      }
      if (slash < 0) {
        return false;
      }
      pos = slash + 1;
    }
    return false;
  }
}
