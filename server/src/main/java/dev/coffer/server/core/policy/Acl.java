package dev.coffer.server.core.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The merged, immutable access rules of one set of policies, evaluated per request. Thread-safe;
 * build it once per distinct policy set (and, when a policy is templated, per identity) and reuse
 * it.
 *
 * <h2>Matching (as Vault)</h2>
 *
 * Rules with the same pattern, across all policies, merge into one: capabilities are united, a
 * {@code deny} anywhere makes the pattern deny-only, parameter value lists are concatenated (an
 * empty list, "any value", wins), required parameters are united, and the smaller wrapping-TTL
 * bounds win. Different patterns never merge: for a request path, an exact rule wins; otherwise the
 * highest-priority of the longest matching {@code *} prefix and the matching {@code +} rules
 * decides alone. P1 is lower priority than P2 when, in this order: (1) its first {@code +} or
 * {@code *} comes earlier; (2) it ends in {@code *} and P2 does not; (3) it has more {@code +}
 * segments; (4) it is shorter; (5) it is lexicographically smaller. {@code deny} on the deciding
 * rule beats everything, {@code sudo} included; a token holding {@code root} may do anything.
 *
 * <p>A LIST is checked on the path with a trailing {@code /} (as Vault's HTTP layer sends it): an
 * exact rule with or without the slash decides, else the candidates for both forms compete, and the
 * most specific {@code deny} among them wins unless a more specific candidate grants {@code list}
 * (Vault 1.21 behaviour).
 *
 * <h2>Cost</h2>
 *
 * Building is O(R log R + total pattern length) for R rules. A check costs one hash lookup (exact
 * rules), one trie walk O(L) over the path of length L for the longest {@code *} prefix, and a walk
 * of the {@code +} rules that can match: those with the path's first segment (usually the mount) or
 * starting with {@code +}, sorted by priority, stopping at the first match or as soon as none left
 * could beat the prefix candidate: O(S × L) for S such rules in the worst case. A LIST tries all S.
 * Parameter checks are O(parameters × listed values). Allocation on a non-LIST request: the path's
 * first segment and the decision.
 */
public final class Acl {
  private static final Acl ROOT =
      new Acl(true, Map.of(), new PrefixTrie(), new SegmentRuleIndex(List.of()));
  private static final Capability[] SORTED_BY_NAME = {
    Capability.CREATE,
    Capability.DELETE,
    Capability.LIST,
    Capability.PATCH,
    Capability.READ,
    Capability.SUDO,
    Capability.UPDATE
  };

  private final boolean root;
  private final Map<String, Permissions> exact;
  private final PrefixTrie prefixes;
  private final SegmentRuleIndex segmentRules;

  private Acl(
      boolean root,
      Map<String, Permissions> exact,
      PrefixTrie prefixes,
      SegmentRuleIndex segmentRules) {
    this.root = root;
    this.exact = exact;
    this.prefixes = prefixes;
    this.segmentRules = segmentRules;
  }

  /** The ACL of the {@code root} policy: everything is allowed. */
  public static Acl root() {
    return ROOT;
  }

  /**
   * The ACL of these policies, which must not be templated (or already be resolved with {@link
   * PolicyTemplate#resolve}); a templated rule left in is ignored, never matched. A policy named
   * {@code root} makes the whole ACL root.
   */
  public static Acl of(Collection<Policy> policies) {
    Map<String, Permissions> byPattern = new LinkedHashMap<>();
    for (Policy policy : policies) {
      if (BuiltInPolicies.isRoot(policy.name())) {
        return ROOT;
      }
      for (PathRule rule : policy.rules()) {
        if (rule.templated()) {
          continue;
        }
        byPattern.computeIfAbsent(rule.path(), Permissions::forPattern).merge(rule, policy.name());
      }
    }
    Map<String, Permissions> exact = new HashMap<>();
    PrefixTrie prefixes = new PrefixTrie();
    List<Permissions> segments = new ArrayList<>();
    for (Permissions p : byPattern.values()) {
      p.freeze();
      switch (p.kind) {
        case EXACT -> exact.put(p.pattern, p);
        case PREFIX -> prefixes.put(p.wildcardPath, p);
        case SEGMENT -> segments.add(p);
      }
    }
    return new Acl(false, exact, prefixes, new SegmentRuleIndex(segments));
  }

  /**
   * The ACL of these policies for a caller with this identity: templated policies are filled from
   * {@code identity} first; rules whose templates cannot be filled are left out.
   */
  public static Acl of(Collection<Policy> policies, IdentityContext identity) {
    Objects.requireNonNull(identity, "identity");
    List<Policy> resolved = new ArrayList<>(policies.size());
    for (Policy p : policies) {
      resolved.add(PolicyTemplate.resolve(p, identity));
    }
    return of(resolved);
  }

  /** Whether this is the root ACL. */
  public boolean isRoot() {
    return root;
  }

  /** {@link #check(Capability, String, Map, Duration)} for a request that asks for no wrapping. */
  public AclDecision check(Capability needed, String path, Map<String, ?> params) {
    return check(needed, path, params, null);
  }

  /**
   * Whether a request may do {@code needed} on {@code path}.
   *
   * @param needed the capability the operation needs ({@link Capability#forOperation}); for {@link
   *     Capability#CREATE} vs {@link Capability#UPDATE} the caller decides by existence
   * @param path the request path after {@code /v1/}, without leading {@code /}; for a LIST a
   *     trailing {@code /} is added if missing
   * @param params the request parameters (body merged with query); checked against parameter
   *     constraints for read, create, update and patch
   * @param wrapTtl the response-wrapping TTL the client asked for ({@code X-Vault-Wrap-TTL}), or
   *     {@code null}
   * @throws IllegalArgumentException if {@code needed} is {@link Capability#DENY}
   */
  public AclDecision check(
      Capability needed, String path, Map<String, ?> params, Duration wrapTtl) {
    if (needed == Capability.DENY) {
      throw new IllegalArgumentException("deny is not a capability a request can need");
    }
    if (root) {
      return AclDecision.ROOT;
    }
    String p = withoutLeadingSlashes(path);
    boolean list = needed == Capability.LIST;
    if (list && !p.endsWith("/")) {
      p = p + "/";
    }
    Permissions rule = find(p, list);
    if (rule == null) {
      return AclDecision.deny(null, false, "no policy grants access to the path");
    }
    if (rule.capabilities.contains(Capability.DENY)) {
      return AclDecision.deny(rule, false, "denied by path \"" + rule.pattern + "\"");
    }
    boolean sudo = rule.capabilities.contains(Capability.SUDO);
    if (!rule.capabilities.contains(needed)) {
      return AclDecision.deny(
          rule, sudo, "path \"" + rule.pattern + "\" does not grant " + needed.wireName());
    }
    String wrapProblem = wrappingViolation(rule, wrapTtl);
    if (wrapProblem != null) {
      return AclDecision.deny(rule, sudo, wrapProblem);
    }
    if (needed == Capability.READ
        || needed == Capability.CREATE
        || needed == Capability.UPDATE
        || needed == Capability.PATCH) {
      String paramProblem = ParameterChecks.violation(rule, params == null ? Map.of() : params);
      if (paramProblem != null) {
        return AclDecision.deny(rule, sudo, paramProblem);
      }
    }
    return AclDecision.allow(rule, sudo, rule.grantedBy(needed));
  }

  /**
   * The capabilities on {@code path} as {@code sys/capabilities-self} reports them: sorted names,
   * {@code ["root"]} for a root ACL, {@code ["deny"]} when nothing is granted or the deciding rule
   * denies. Like Vault, the path is looked up as a LIST would be but as given (a trailing {@code /}
   * is not added).
   */
  public List<String> capabilities(String path) {
    if (root) {
      return List.of("root");
    }
    Permissions rule = find(withoutLeadingSlashes(path), true);
    if (rule == null || rule.capabilities.contains(Capability.DENY)) {
      return List.of(Capability.DENY.wireName());
    }
    List<String> out = new ArrayList<>();
    for (Capability c : SORTED_BY_NAME) {
      if (rule.capabilities.contains(c)) {
        out.add(c.wireName());
      }
    }
    return out.isEmpty() ? List.of(Capability.DENY.wireName()) : List.copyOf(out);
  }

  private Permissions find(String path, boolean list) {
    Permissions rule = exact.get(path);
    if (rule != null) {
      return rule;
    }
    if (list && path.endsWith("/")) {
      String trimmed = path.substring(0, path.length() - 1);
      rule = exact.get(trimmed);
      if (rule != null) {
        return rule;
      }
      return bestForList(trimmed, path);
    }
    return bestNonExact(path);
  }

  /** The highest-priority of the longest prefix rule and the best matching {@code +} rule. */
  private Permissions bestNonExact(String path) {
    return segmentRules.best(path, prefixes.longestPrefixOf(path));
  }

  /**
   * For a LIST of {@code full} (ending in {@code /}): candidates for both {@code trimmed} and
   * {@code full}; the most specific deny wins unless a more specific candidate grants list.
   */
  private Permissions bestForList(String trimmed, String full) {
    Permissions[] best = new Permissions[3]; // any, deny, list
    consider(best, prefixes.longestPrefixOf(trimmed));
    consider(best, prefixes.longestPrefixOf(full));
    // trimmed and full share their first segment, so they share their + candidates.
    for (Permissions[] group : List.of(segmentRules.candidates(full), segmentRules.leadingPlus())) {
      for (Permissions s : group) {
        if (s.matchesSegments(trimmed) || s.matchesSegments(full)) {
          consider(best, s);
        }
      }
    }
    Permissions any = best[0];
    Permissions deny = best[1];
    Permissions grantsList = best[2];
    if (deny != null && (grantsList == null || lowerPriority(grantsList, deny))) {
      return deny;
    }
    return grantsList != null ? grantsList : any;
  }

  private static void consider(Permissions[] best, Permissions c) {
    if (c == null) {
      return;
    }
    best[0] = higher(best[0], c);
    if (c.capabilities.contains(Capability.DENY)) {
      best[1] = higher(best[1], c);
    }
    if (c.capabilities.contains(Capability.LIST)) {
      best[2] = higher(best[2], c);
    }
  }

  private static Permissions higher(Permissions current, Permissions candidate) {
    return current == null || lowerPriority(current, candidate) ? candidate : current;
  }

  /** Vault's priority rules: whether {@code a} is lower priority than {@code b}. */
  static boolean lowerPriority(Permissions a, Permissions b) {
    if (a.firstWildcard != b.firstWildcard) {
      return a.firstWildcard < b.firstWildcard;
    }
    if (a.prefix != b.prefix) {
      return a.prefix;
    }
    if (a.wildcards != b.wildcards) {
      return a.wildcards > b.wildcards;
    }
    if (a.wildcardPath.length() != b.wildcardPath.length()) {
      return a.wildcardPath.length() < b.wildcardPath.length();
    }
    return a.wildcardPath.compareTo(b.wildcardPath) < 0;
  }

  private static String wrappingViolation(Permissions rule, Duration wrapTtl) {
    if (!rule.maxWrappingTtl.isZero()
        && (wrapTtl == null || wrapTtl.compareTo(rule.maxWrappingTtl) > 0)) {
      return wrapTtl == null
          ? "path \"" + rule.pattern + "\" requires response wrapping"
          : "the response-wrapping TTL is above the maximum of path \"" + rule.pattern + "\"";
    }
    if (!rule.minWrappingTtl.isZero()
        && (wrapTtl == null || wrapTtl.compareTo(rule.minWrappingTtl) < 0)) {
      return wrapTtl == null
          ? "path \"" + rule.pattern + "\" requires response wrapping"
          : "the response-wrapping TTL is below the minimum of path \"" + rule.pattern + "\"";
    }
    if (!rule.minWrappingTtl.isZero()
        && !rule.maxWrappingTtl.isZero()
        && rule.maxWrappingTtl.compareTo(rule.minWrappingTtl) < 0) {
      return "the merged wrapping TTL bounds of path \"" + rule.pattern + "\" exclude every TTL";
    }
    return null;
  }

  private static String withoutLeadingSlashes(String path) {
    int i = 0;
    while (i < path.length() && path.charAt(i) == '/') {
      i++;
    }
    return i == 0 ? path : path.substring(i);
  }
}
