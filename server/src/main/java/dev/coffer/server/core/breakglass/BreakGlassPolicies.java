package dev.coffer.server.core.breakglass;

import dev.coffer.server.core.policy.Capability;
import dev.coffer.server.core.policy.store.PolicyStore;
import dev.coffer.server.core.token.IssuanceGuard;
import dev.coffer.server.core.token.TokenEntry;
import dev.coffer.spi.CofferException;
import java.util.List;

/**
 * Which policies are break-glass-only, and the one rule that keeps them so: the configured {@code
 * policies} and every generated {@code break-glass-<id>} policy can reach a token only through a
 * grant. As an {@link IssuanceGuard} it refuses any other token carrying one (token create, token
 * roles, logins) or the reserved {@code break_glass_*} metadata; {@link #test} tells the ACL to
 * leave them out of entities' policies.
 */
public final class BreakGlassPolicies
    implements IssuanceGuard, java.util.function.Predicate<String> {
  /** The prefix of generated policy names; reserved. */
  public static final String GENERATED_PREFIX = "break-glass-";

  /** The metadata key prefix reserved for grant tokens. */
  public static final String META_PREFIX = "break_glass_";

  private final BreakGlassStore store;

  BreakGlassPolicies(BreakGlassStore store) {
    this.store = store;
  }

  static String generatedName(String id) {
    return GENERATED_PREFIX + id;
  }

  /** Whether {@code name} (normalised) is a break-glass-only policy. */
  @Override
  public boolean test(String name) {
    String n = PolicyStore.normalize(name);
    return n.startsWith(GENERATED_PREFIX) || store.config().policies().contains(n);
  }

  @Override
  public void check(TokenEntry entry) {
    for (String p : entry.policies()) {
      if (test(p)) {
        throw CofferException.invalid(
            "policy \""
                + PolicyStore.normalize(p)
                + "\" is a break-glass-only policy: it can only be granted through"
                + " sys/break-glass/request");
      }
    }
    for (String key : entry.meta().keySet()) {
      if (key.startsWith(META_PREFIX)) {
        throw CofferException.invalid(
            "metadata key \"" + key + "\" is reserved for break-glass grant tokens");
      }
    }
  }

  /** The HCL of the policy generated for a request's paths. */
  static String generatedText(List<String> paths, List<String> capabilities) {
    StringBuilder b = new StringBuilder("# generated for a break-glass grant\n");
    String caps = String.join(", ", capabilities.stream().map(c -> "\"" + c + "\"").toList());
    for (String p : paths) {
      b.append("path \"")
          .append(p)
          .append("\" {\n  capabilities = [")
          .append(caps)
          .append("]\n}\n");
    }
    return b.toString();
  }

  /**
   * Checks requested paths and capabilities before a policy is generated from them.
   *
   * @throws CofferException 400 naming the bad path or capability
   */
  static void checkPaths(List<String> paths, List<String> capabilities) {
    for (String p : paths) {
      if (p.isBlank() || p.chars().anyMatch(c -> c == '"' || c == '\\' || c < 0x20 || c == 0x7f)) {
        throw CofferException.invalid("paths: \"" + p + "\" is not a valid policy path");
      }
    }
    if (capabilities.isEmpty()) {
      throw CofferException.invalid("capabilities must not be empty");
    }
    for (String c : capabilities) {
      if (Capability.fromWireName(c).isEmpty() || c.equals("deny")) {
        throw CofferException.invalid(
            "capabilities: \""
                + c
                + "\" is not a capability (create, read, update, patch, delete, list, sudo)");
      }
    }
  }
}
