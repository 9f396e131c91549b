package dev.coffer.server.core.policy.store;

import dev.coffer.server.core.Json;
import dev.coffer.server.core.barrier.Barrier;
import dev.coffer.server.core.policy.PasswordPolicy;
import dev.coffer.server.core.policy.PasswordPolicyParser;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.Passwords;
import dev.coffer.spi.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The password policies, kept inside the barrier at {@code sys/password-policy/<name>} as {@code
 * {"policy": "<text>"}}. Policies are few and small, so each use parses the stored text again: a
 * rewritten policy takes effect at once, as in Vault.
 */
public final class PasswordPolicyStore {
  /** The storage prefix of stored password policies. */
  public static final String PREFIX = "sys/password-policy/";

  private final Barrier barrier;

  /** A store inside {@code barrier}; usable while it is unsealed. */
  public PasswordPolicyStore(Barrier barrier) {
    this.barrier = barrier;
  }

  /**
   * Parses and stores a policy, replacing any of the same name.
   *
   * @throws CofferException 400 for an invalid name or text that does not parse
   */
  public synchronized PasswordPolicy put(String rawName, String text) {
    String name = validName(rawName);
    PasswordPolicy policy = PasswordPolicyParser.parse(text);
    storage().put(PREFIX + name, Json.write(Map.of("policy", text)));
    return policy;
  }

  /** The policy of this name, if stored. */
  public Optional<PasswordPolicy> get(String rawName) {
    String name = rawName == null ? "" : rawName.trim();
    if (name.isEmpty() || name.contains("/")) {
      return Optional.empty();
    }
    return storage()
        .get(PREFIX + name)
        .map(
            bytes -> {
              Object text = Json.read(bytes).get("policy");
              try {
                return PasswordPolicyParser.parse(text == null ? "" : text.toString());
              } catch (CofferException e) {
                throw new IllegalStateException(
                    "stored password policy \"" + name + "\" does not parse", e);
              }
            });
  }

  /** Deletes a policy; deleting a missing one does nothing. */
  public synchronized void delete(String rawName) {
    storage().delete(PREFIX + validName(rawName));
  }

  /** The names of the stored policies, sorted. */
  public List<String> names() {
    List<String> out = new ArrayList<>();
    for (String k : storage().list(PREFIX)) {
      if (!k.endsWith("/")) {
        out.add(k);
      }
    }
    return out;
  }

  /**
   * A new password by the named policy, or by Vault's default policy when {@code policyName} is
   * empty; what engines get as {@link dev.coffer.spi.MountContext#generatePassword}.
   *
   * @throws CofferException 400 naming the policy if there is none of that name
   */
  public String generate(String policyName) {
    if (policyName == null || policyName.isBlank()) {
      return Passwords.generateDefault();
    }
    return get(policyName)
        .orElseThrow(
            () -> CofferException.invalid("password policy \"" + policyName + "\" not found"))
        .generate();
  }

  private static String validName(String rawName) {
    String name = rawName == null ? "" : rawName.trim();
    if (name.isEmpty()) {
      throw CofferException.invalid("policy name must be provided");
    }
    if (name.contains("/")) {
      throw CofferException.invalid("policy name must not contain '/'");
    }
    return name;
  }

  private Storage storage() {
    return barrier.root();
  }
}
