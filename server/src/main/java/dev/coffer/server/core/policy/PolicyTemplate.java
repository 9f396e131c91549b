package dev.coffer.server.core.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fills {@code {{identity...}}} parts of policy paths from the caller's {@link IdentityContext} at
 * check time. Supported directives:
 *
 * <ul>
 *   <li>{@code identity.entity.id}, {@code identity.entity.name}, {@code
 *       identity.entity.metadata.<key>}
 *   <li>{@code identity.entity.aliases.<mount accessor>.id}, {@code .name}, {@code .metadata.<key>}
 *   <li>{@code identity.groups.names.<group name>.id}, {@code identity.groups.ids.<group id>.name}
 * </ul>
 *
 * <p>A rule whose template cannot be filled (no entity, no such alias, metadata key or group) is
 * dropped from that caller's ACL, as in Vault; it never matches anything. Coffer is stricter than
 * Vault in one way: a filled-in value must stay inside one path segment and must not add wildcards,
 * so a value that is empty, is {@code .}, contains {@code /}, {@code *}, {@code +}, {@code ..},
 * {@code {}, {@code }} or a control character also makes the rule unresolvable. Without this, an
 * entity whose name or alias metadata a user controls (a JWT claim, a user name) could reach
 * another entity's paths ({@code a/b} inside {@code secret/{{name}}}) or widen a rule into a glob.
 */
public final class PolicyTemplate {
  private PolicyTemplate() {}

  /**
   * The policy with every templated rule filled for {@code identity}; rules that cannot be filled
   * are left out. A policy without templates is returned as is.
   */
  public static Policy resolve(Policy policy, IdentityContext identity) {
    if (!policy.templated()) {
      return policy;
    }
    List<PathRule> rules = new ArrayList<>(policy.rules().size());
    for (PathRule rule : policy.rules()) {
      if (!rule.templated()) {
        rules.add(rule);
        continue;
      }
      resolvePath(rule.path(), identity).ifPresent(p -> rules.add(rule.withPath(p)));
    }
    return new Policy(policy.name(), rules, policy.raw());
  }

  /** The path with its templates filled, or empty if one of them cannot be filled safely. */
  public static Optional<String> resolvePath(String template, IdentityContext identity) {
    StringBuilder out = new StringBuilder(template.length() + 32);
    int pos = 0;
    while (true) {
      int open = template.indexOf("{{", pos);
      if (open < 0) {
        out.append(template, pos, template.length());
        return Optional.of(out.toString());
      }
      int close = template.indexOf("}}", open + 2);
      if (close < 0) {
        return Optional.empty();
      }
      out.append(template, pos, open);
      String value = lookup(template.substring(open + 2, close).trim(), identity);
      if (!safe(value)) {
        return Optional.empty();
      }
      out.append(value);
      pos = close + 2;
    }
  }

  /**
   * Why the templates of {@code path} are malformed, or {@code null} if they are fine (or absent).
   */
  static String check(String path) {
    int pos = 0;
    while (true) {
      int open = path.indexOf("{{", pos);
      int strayClose = path.indexOf("}}", pos);
      if (open < 0) {
        return strayClose < 0 ? null : "unbalanced templating characters";
      }
      if (strayClose >= 0 && strayClose < open) {
        return "unbalanced templating characters";
      }
      int close = path.indexOf("}}", open + 2);
      if (close < 0 || path.substring(open + 2, close).contains("{{")) {
        return "unbalanced templating characters";
      }
      String directive = path.substring(open + 2, close).trim();
      if (!known(directive)) {
        return "unknown template directive '" + directive + "'";
      }
      pos = close + 2;
    }
  }

  private static boolean known(String d) {
    if (d.equals("identity.entity.id") || d.equals("identity.entity.name")) {
      return true;
    }
    if (d.startsWith("identity.entity.metadata.")) {
      return d.length() > "identity.entity.metadata.".length();
    }
    if (d.startsWith("identity.entity.aliases.")) {
      String rest = d.substring("identity.entity.aliases.".length());
      int dot = rest.indexOf('.');
      if (dot <= 0) {
        return false;
      }
      String field = rest.substring(dot + 1);
      return field.equals("id")
          || field.equals("name")
          || (field.startsWith("metadata.") && field.length() > "metadata.".length());
    }
    if (d.startsWith("identity.groups.names.")) {
      return d.endsWith(".id") && d.length() > "identity.groups.names.".length() + 3;
    }
    if (d.startsWith("identity.groups.ids.")) {
      return d.endsWith(".name") && d.length() > "identity.groups.ids.".length() + 5;
    }
    return false;
  }

  /** The value of a directive for this caller, or {@code null} if there is none. */
  private static String lookup(String d, IdentityContext id) {
    if (d.startsWith("identity.entity.")) {
      if (!id.hasEntity()) {
        return null;
      }
      String rest = d.substring("identity.entity.".length());
      if (rest.equals("id")) {
        return id.entityId();
      }
      if (rest.equals("name")) {
        return id.entityName();
      }
      if (rest.startsWith("metadata.")) {
        return id.metadata().get(rest.substring("metadata.".length()));
      }
      if (rest.startsWith("aliases.")) {
        return aliasValue(rest.substring("aliases.".length()), id);
      }
      return null;
    }
    if (d.startsWith("identity.groups.names.") && d.endsWith(".id")) {
      String name = d.substring("identity.groups.names.".length(), d.length() - ".id".length());
      for (IdentityContext.Group g : id.groups()) {
        if (name.equals(g.name())) {
          return g.id();
        }
      }
      return null;
    }
    if (d.startsWith("identity.groups.ids.") && d.endsWith(".name")) {
      String groupId = d.substring("identity.groups.ids.".length(), d.length() - ".name".length());
      for (IdentityContext.Group g : id.groups()) {
        if (groupId.equals(g.id())) {
          return g.name();
        }
      }
      return null;
    }
    return null;
  }

  private static String aliasValue(String rest, IdentityContext id) {
    int dot = rest.indexOf('.');
    if (dot <= 0) {
      return null;
    }
    IdentityContext.Alias alias = id.aliases().get(rest.substring(0, dot));
    if (alias == null) {
      return null;
    }
    String field = rest.substring(dot + 1);
    if (field.equals("id")) {
      return alias.id();
    }
    if (field.equals("name")) {
      return alias.name();
    }
    if (field.startsWith("metadata.")) {
      return alias.metadata().get(field.substring("metadata.".length()));
    }
    return null;
  }

  /** Whether a filled-in value stays within one literal path segment. */
  static boolean safe(String value) {
    if (value == null || value.isEmpty() || value.equals(".") || value.contains("..")) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '/' || c == '*' || c == '+' || c == '{' || c == '}' || c < 0x20 || c == 0x7f) {
        return false;
      }
    }
    return true;
  }
}
