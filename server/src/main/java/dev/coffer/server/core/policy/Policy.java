package dev.coffer.server.core.policy;

import java.util.List;
import java.util.Objects;

/**
 * A named ACL policy: its path rules in the order written, and the text it was parsed from (what
 * {@code GET sys/policies/acl/:name} answers with).
 *
 * @param name the policy name
 * @param rules the path rules
 * @param raw the policy text as given (empty for built-in {@code root})
 */
public record Policy(String name, List<PathRule> rules, String raw) {
  public Policy {
    Objects.requireNonNull(name, "name");
    rules = List.copyOf(rules);
    raw = raw == null ? "" : raw;
  }

  /** Whether any rule's path is a template that must be filled from the caller's identity. */
  public boolean templated() {
    for (PathRule r : rules) {
      if (r.templated()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "Policy[" + name + ", " + rules.size() + " rules]";
  }
}
