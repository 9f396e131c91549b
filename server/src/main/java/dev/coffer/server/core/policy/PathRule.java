package dev.coffer.server.core.policy;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One {@code path "..." { ... }} block of a policy.
 *
 * @param path the pattern as written, without a leading {@code /}: an exact path, a prefix ending
 *     in {@code *}, segments of {@code +}, or a template with {@code {{identity...}}} parts
 * @param capabilities what the rule grants; exactly {@code [DENY]} for a deny rule
 * @param allowedParameters lower-cased parameter name to allowed values ({@code []} = any value);
 *     empty when not set
 * @param deniedParameters lower-cased parameter name to denied values ({@code []} = any value);
 *     empty when not set
 * @param requiredParameters parameters a write must carry
 * @param minWrappingTtl the shortest response-wrapping TTL a client may ask for, {@link
 *     Duration#ZERO} if none
 * @param maxWrappingTtl the longest response-wrapping TTL a client may ask for, {@link
 *     Duration#ZERO} if none
 * @param line the line of the policy text the block starts on (0 for rules built in code)
 * @param stepUp the fresh-MFA requirement of the rule ({@code step_up}), or {@code null}
 */
public record PathRule(
    String path,
    Set<Capability> capabilities,
    Map<String, List<Object>> allowedParameters,
    Map<String, List<Object>> deniedParameters,
    List<String> requiredParameters,
    Duration minWrappingTtl,
    Duration maxWrappingTtl,
    int line,
    StepUp stepUp) {

  public PathRule {
    Objects.requireNonNull(path, "path");
    EnumSet<Capability> caps = EnumSet.noneOf(Capability.class);
    caps.addAll(capabilities);
    capabilities = Collections.unmodifiableSet(caps);
    allowedParameters = copy(allowedParameters);
    deniedParameters = copy(deniedParameters);
    requiredParameters = List.copyOf(requiredParameters);
    minWrappingTtl = minWrappingTtl == null ? Duration.ZERO : minWrappingTtl;
    maxWrappingTtl = maxWrappingTtl == null ? Duration.ZERO : maxWrappingTtl;
  }

  /** A rule without a step-up requirement. */
  public PathRule(
      String path,
      Set<Capability> capabilities,
      Map<String, List<Object>> allowedParameters,
      Map<String, List<Object>> deniedParameters,
      List<String> requiredParameters,
      Duration minWrappingTtl,
      Duration maxWrappingTtl,
      int line) {
    this(
        path,
        capabilities,
        allowedParameters,
        deniedParameters,
        requiredParameters,
        minWrappingTtl,
        maxWrappingTtl,
        line,
        null);
  }

  /** A rule with only capabilities. */
  public static PathRule of(String path, Set<Capability> capabilities) {
    return new PathRule(path, capabilities, Map.of(), Map.of(), List.of(), null, null, 0);
  }

  /** Whether this rule denies everything on its path. */
  public boolean denies() {
    return capabilities.contains(Capability.DENY);
  }

  /** Whether the path holds {@code {{...}}} template parts filled from the caller's identity. */
  public boolean templated() {
    return path.contains("{{");
  }

  /** This rule on another path (used when a template is filled in). */
  public PathRule withPath(String newPath) {
    return new PathRule(
        newPath,
        capabilities,
        allowedParameters,
        deniedParameters,
        requiredParameters,
        minWrappingTtl,
        maxWrappingTtl,
        line,
        stepUp);
  }

  private static Map<String, List<Object>> copy(Map<String, List<Object>> m) {
    if (m == null || m.isEmpty()) {
      return Map.of();
    }
    Map<String, List<Object>> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, Collections.unmodifiableList(new java.util.ArrayList<>(v))));
    return Collections.unmodifiableMap(out);
  }
}
