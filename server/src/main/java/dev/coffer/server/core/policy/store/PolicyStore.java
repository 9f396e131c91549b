package dev.coffer.server.core.policy.store;

import dev.coffer.server.core.Json;
import dev.coffer.server.core.barrier.Barrier;
import dev.coffer.server.core.policy.BuiltInPolicies;
import dev.coffer.server.core.policy.HclPolicyParser;
import dev.coffer.server.core.policy.Policy;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.Storage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ACL policies, kept inside the barrier at {@code sys/policy/<name>} as {@code {"name",
 * "policy"}} (the text as written). Names are trimmed and lower-cased, as Vault stores them.
 *
 * <p>Parsed policies are cached (absent ones too) and the same {@link Policy} instance is handed
 * out until the policy is rewritten or deleted, so an {@link
 * dev.coffer.server.core.policy.AclCache} keyed by policy identity stays effective and never serves
 * a stale ACL. Every write goes through this store, which keeps the cache consistent; {@link
 * #clear()} forgets everything on seal.
 *
 * <p>{@code root} is built in: readable (empty text), never written or deleted. {@code default} is
 * written on unseal when missing ({@link #ensureDefault()}) and cannot be deleted.
 */
public final class PolicyStore {
  /** The storage prefix of stored policies. */
  public static final String PREFIX = "sys/policy/";

  private final Barrier barrier;
  private final Map<String, Optional<Policy>> cache = new ConcurrentHashMap<>();

  /** A store inside {@code barrier}; usable while it is unsealed. */
  public PolicyStore(Barrier barrier) {
    this.barrier = barrier;
  }

  /** A policy name as stored: trimmed and lower-cased. */
  public static String normalize(String name) {
    return name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
  }

  /** Writes the shipped {@code default} policy if none is stored (on unseal). */
  public synchronized void ensureDefault() {
    if (storage().get(key(BuiltInPolicies.DEFAULT)).isEmpty()) {
      put(BuiltInPolicies.DEFAULT, BuiltInPolicies.DEFAULT_POLICY_TEXT);
    }
  }

  /** Forgets every cached policy (on seal). */
  public void clear() {
    cache.clear();
  }

  /**
   * The policy of this name ({@code root} is built in), parsed once and cached.
   *
   * @throws CofferException 500 if the stored text no longer parses
   */
  public Optional<Policy> get(String rawName) {
    String name = normalize(rawName);
    if (name.isEmpty()) {
      return Optional.empty();
    }
    if (BuiltInPolicies.ROOT.equals(name)) {
      return Optional.of(BuiltInPolicies.root());
    }
    if (BuiltInPolicies.RESPONSE_WRAPPING.equals(name)) {
      return Optional.of(BuiltInPolicies.responseWrapping());
    }
    return cache.computeIfAbsent(name, this::load);
  }

  /**
   * Parses and stores a policy, replacing any of the same name.
   *
   * @return the stored policy
   * @throws CofferException 400 for {@code root}, an empty name, or text that does not parse (the
   *     message names line and column)
   */
  public synchronized Policy put(String rawName, String text) {
    String name = normalize(rawName);
    if (name.isEmpty()) {
      throw CofferException.invalid("policy name must be provided");
    }
    BuiltInPolicies.checkWritable(name);
    Policy policy = HclPolicyParser.parse(name, text);
    Map<String, Object> stored = new LinkedHashMap<>();
    stored.put("name", name);
    stored.put("policy", text);
    storage().put(key(name), Json.write(stored));
    cache.put(name, Optional.of(policy));
    return policy;
  }

  /**
   * Deletes a policy; deleting a missing one does nothing.
   *
   * @throws CofferException 400 for {@code root} and {@code default}
   */
  public synchronized void delete(String rawName) {
    String name = normalize(rawName);
    BuiltInPolicies.checkDeletable(name);
    if (name.isEmpty()) {
      return;
    }
    storage().delete(key(name));
    cache.put(name, Optional.empty());
  }

  /** The names of the stored policies, sorted ({@code root} not included). */
  public List<String> names() {
    List<String> out = new ArrayList<>();
    for (String k : storage().list(PREFIX)) {
      if (!k.endsWith("/")) {
        out.add(k);
      }
    }
    return out;
  }

  private Optional<Policy> load(String name) {
    Optional<byte[]> bytes = storage().get(key(name));
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    Object text = Json.read(bytes.get()).get("policy");
    try {
      return Optional.of(HclPolicyParser.parse(name, text == null ? "" : text.toString()));
    } catch (CofferException e) {
      throw new IllegalStateException(
          "stored policy \"" + name + "\" does not parse: " + e.getMessage(), e);
    }
  }

  private Storage storage() {
    return barrier.root();
  }

  private static String key(String name) {
    return PREFIX + name;
  }
}
