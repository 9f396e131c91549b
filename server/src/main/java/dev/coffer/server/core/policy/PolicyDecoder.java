package dev.coffer.server.core.policy;

import dev.coffer.spi.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a policy syntax tree into a {@link Policy}, checking keys, capabilities, parameter maps,
 * durations and path patterns, and naming the line and column of the first problem.
 */
final class PolicyDecoder {
  private PolicyDecoder() {}

  static Policy decode(String name, HclNode.Block root, String raw) {
    List<PathRule> rules = new ArrayList<>();
    for (HclNode.Entry e : root.entries()) {
      switch (e.key()) {
        case "name" -> requireText(e);
        case "path" -> paths(e, rules);
        default ->
            throw new PolicyParseException(
                e.line(), e.column(), "unknown key '" + e.key() + "' (expected 'path')");
      }
    }
    return new Policy(name, rules, raw);
  }

  /** {@code path = { "<pattern>" = { ... } }}, or a list of such objects (JSON). */
  private static void paths(HclNode.Entry e, List<PathRule> out) {
    if (e.value() instanceof HclNode.Items list) {
      for (HclNode item : list.items()) {
        if (!(item instanceof HclNode.Block block)) {
          throw wrongType(item, "'path'", "an object");
        }
        for (HclNode.Entry p : block.entries()) {
          out.add(rule(p));
        }
      }
      return;
    }
    if (!(e.value() instanceof HclNode.Block block)) {
      throw wrongType(e.value(), "'path'", "a block");
    }
    for (HclNode.Entry p : block.entries()) {
      out.add(rule(p));
    }
  }

  private static PathRule rule(HclNode.Entry e) {
    String path = PathPatterns.normalize(e.key());
    PathPatterns.validate(path, e.line(), e.column());
    if (!(e.value() instanceof HclNode.Block body)) {
      throw wrongType(e.value(), "path \"" + path + "\"", "a block");
    }
    Set<String> seen = new HashSet<>();
    EnumSet<Capability> caps = EnumSet.noneOf(Capability.class);
    Map<String, List<Object>> allowed = Map.of();
    Map<String, List<Object>> denied = Map.of();
    List<String> required = List.of();
    Duration min = Duration.ZERO;
    Duration max = Duration.ZERO;
    HclNode.Entry minEntry = null;
    StepUp stepUp = null;
    for (HclNode.Entry k : body.entries()) {
      if (!seen.add(k.key())) {
        throw new PolicyParseException(
            k.line(), k.column(), "duplicate key '" + k.key() + "' in path \"" + path + "\"");
      }
      switch (k.key()) {
        case "capabilities" -> caps.addAll(capabilities(k, path));
        case "policy" -> caps.addAll(legacyPolicy(k, path));
        case "allowed_parameters" -> allowed = parameters(k, path, true);
        case "denied_parameters" -> denied = parameters(k, path, false);
        case "required_parameters" -> required = strings(k, path);
        case "min_wrapping_ttl" -> {
          min = duration(k, path);
          minEntry = k;
        }
        case "max_wrapping_ttl" -> max = duration(k, path);
        case "step_up" -> stepUp = stepUp(k, path);
        default ->
            throw new PolicyParseException(
                k.line(), k.column(), "unknown key '" + k.key() + "' in path \"" + path + "\"");
      }
    }
    if (!min.isZero() && !max.isZero() && max.compareTo(min) < 0) {
      throw new PolicyParseException(
          minEntry.line(),
          minEntry.column(),
          "max_wrapping_ttl cannot be less than min_wrapping_ttl in path \"" + path + "\"");
    }
    if (caps.contains(Capability.DENY)) {
      // As in Vault, a deny rule carries nothing else.
      return new PathRule(
          path, EnumSet.of(Capability.DENY), Map.of(), Map.of(), List.of(), null, null, e.line());
    }
    return new PathRule(path, caps, allowed, denied, required, min, max, e.line(), stepUp);
  }

  /** {@code step_up = { mfa = "totp", max_age = "5m", method_id = "..." }}. */
  private static StepUp stepUp(HclNode.Entry k, String path) {
    if (!(k.value() instanceof HclNode.Block block)) {
      throw wrongType(k.value(), "'step_up' in path \"" + path + "\"", "an object");
    }
    String mfa = null;
    String methodId = "";
    Duration maxAge = Duration.ZERO;
    for (HclNode.Entry s : block.entries()) {
      switch (s.key()) {
        case "mfa" -> mfa = requireText(s);
        case "method_id" -> methodId = requireText(s);
        case "max_age" -> maxAge = duration(s, path);
        default ->
            throw new PolicyParseException(
                s.line(),
                s.column(),
                "unknown key '"
                    + s.key()
                    + "' in step_up of path \""
                    + path
                    + "\" (expected mfa, max_age or method_id)");
      }
    }
    if (!StepUp.TOTP.equals(mfa)) {
      throw new PolicyParseException(
          k.line(),
          k.column(),
          "step_up of path \"" + path + "\" needs mfa = \"totp\" (the only MFA kind)");
    }
    return new StepUp(mfa, methodId, maxAge);
  }

  private static Set<Capability> capabilities(HclNode.Entry k, String path) {
    EnumSet<Capability> caps = EnumSet.noneOf(Capability.class);
    for (HclNode item : list(k, path).items()) {
      if (!(item instanceof HclNode.Text text)) {
        throw wrongType(item, "a capability", "a string");
      }
      caps.add(
          Capability.fromWireName(text.value())
              .orElseThrow(
                  () ->
                      new PolicyParseException(
                          item.line(),
                          item.column(),
                          "invalid capability '"
                              + text.value()
                              + "' in path \""
                              + path
                              + "\" (expected create, read, update, patch, delete, list, sudo"
                              + " or deny)")));
    }
    return caps;
  }

  /** The pre-0.9 {@code policy = "read"} shorthand Vault still accepts. */
  private static Set<Capability> legacyPolicy(HclNode.Entry k, String path) {
    String v = requireText(k);
    return switch (v) {
      case "deny" -> EnumSet.of(Capability.DENY);
      case "read" -> EnumSet.of(Capability.READ, Capability.LIST);
      case "write" ->
          EnumSet.of(
              Capability.CREATE,
              Capability.READ,
              Capability.UPDATE,
              Capability.DELETE,
              Capability.LIST);
      case "sudo" ->
          EnumSet.of(
              Capability.CREATE,
              Capability.READ,
              Capability.UPDATE,
              Capability.DELETE,
              Capability.LIST,
              Capability.SUDO);
      default ->
          throw new PolicyParseException(
              k.value().line(),
              k.value().column(),
              "invalid policy '" + v + "' in path \"" + path + "\"");
    };
  }

  private static Map<String, List<Object>> parameters(
      HclNode.Entry k, String path, boolean allowed) {
    if (!(k.value() instanceof HclNode.Block block)) {
      throw wrongType(k.value(), "'" + k.key() + "' in path \"" + path + "\"", "an object");
    }
    Map<String, List<Object>> out = new LinkedHashMap<>();
    for (HclNode.Entry p : block.entries()) {
      if (!(p.value() instanceof HclNode.Items values)) {
        throw wrongType(
            p.value(), "parameter '" + p.key() + "' in path \"" + path + "\"", "a list");
      }
      if (p.key().equals("*") && !values.items().isEmpty()) {
        throw new PolicyParseException(
            p.line(),
            p.column(),
            "the only value allowed for parameter '*' is [] (in path \"" + path + "\")");
      }
      List<Object> converted = new ArrayList<>();
      for (HclNode v : values.items()) {
        converted.add(plain(v));
      }
      String key = p.key().toLowerCase(Locale.ROOT);
      List<Object> previous = out.get(key);
      if (previous != null) {
        // Same key twice (differing in case): merge as Vault merges rules.
        if (previous.isEmpty() || converted.isEmpty()) {
          converted = List.of();
        } else {
          converted.addAll(previous);
        }
      }
      out.put(key, converted);
    }
    return out;
  }

  private static List<String> strings(HclNode.Entry k, String path) {
    List<String> out = new ArrayList<>();
    for (HclNode item : list(k, path).items()) {
      if (!(item instanceof HclNode.Text text)) {
        throw wrongType(item, "an entry of '" + k.key() + "'", "a string");
      }
      out.add(text.value());
    }
    return out;
  }

  private static Duration duration(HclNode.Entry k, String path) {
    HclNode v = k.value();
    if (v instanceof HclNode.Num n && n.value() instanceof Long seconds && seconds >= 0) {
      return Duration.ofSeconds(seconds);
    }
    if (v instanceof HclNode.Text t) {
      try {
        Duration d = Durations.parse(t.value());
        if (!d.isNegative()) {
          return d;
        }
      } catch (IllegalArgumentException | ArithmeticException e) {
        // reported below
      }
    }
    throw new PolicyParseException(
        v.line(),
        v.column(),
        "invalid duration for '" + k.key() + "' in path \"" + path + "\" (e.g. \"90s\", \"1h\")");
  }

  private static HclNode.Items list(HclNode.Entry k, String path) {
    if (!(k.value() instanceof HclNode.Items items)) {
      throw wrongType(k.value(), "'" + k.key() + "' in path \"" + path + "\"", "a list");
    }
    return items;
  }

  private static String requireText(HclNode.Entry e) {
    if (!(e.value() instanceof HclNode.Text t)) {
      throw wrongType(e.value(), "'" + e.key() + "'", "a string");
    }
    return t.value();
  }

  /** A parameter value as a plain Java value: String, Long, Double, Boolean, List or Map. */
  private static Object plain(HclNode v) {
    if (v instanceof HclNode.Text t) {
      return t.value();
    }
    if (v instanceof HclNode.Num n) {
      return n.value();
    }
    if (v instanceof HclNode.Bool b) {
      return b.value();
    }
    if (v instanceof HclNode.Items items) {
      List<Object> out = new ArrayList<>();
      for (HclNode i : items.items()) {
        out.add(plain(i));
      }
      return out;
    }
    HclNode.Block block = (HclNode.Block) v;
    Map<String, Object> out = new LinkedHashMap<>();
    for (HclNode.Entry e : block.entries()) {
      out.put(e.key(), plain(e.value()));
    }
    return out;
  }

  private static PolicyParseException wrongType(HclNode v, String what, String expected) {
    return new PolicyParseException(
        v.line(), v.column(), what + " must be " + expected + ", not " + v.kind());
  }
}
