package dev.coffer.server.core.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bounded, thread-safe cache of ACLs keyed by the exact {@link Policy} objects they were built
 * from (compared by reference) and, when one of them is templated, by the caller's {@link
 * IdentityContext}. A policy store that hands out the same {@code Policy} instance until the policy
 * is rewritten gets invalidation for free: a rewritten policy is a new instance, so the next lookup
 * builds a fresh ACL, and the stale entry ages out of the LRU.
 */
public final class AclCache {
  private final int capacity;
  private final Map<Key, Acl> entries;

  /** A cache of at most {@code capacity} ACLs, least recently used dropped first. */
  public AclCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
    this.entries = new LinkedHashMap<>(16, 0.75f, true);
  }

  /**
   * The ACL of {@code policies} for a caller with {@code identity}, built on first use.
   *
   * @param policies the token's and its entity's policies, as the policy store returns them
   * @param identity the caller's identity ({@link IdentityContext#NONE} without an entity)
   */
  public Acl get(List<Policy> policies, IdentityContext identity) {
    boolean templated = false;
    for (Policy p : policies) {
      if (p.templated()) {
        templated = true;
        break;
      }
    }
    Key key = new Key(new ArrayList<>(policies), templated ? identity : null);
    synchronized (entries) {
      Acl cached = entries.get(key);
      if (cached != null) {
        return cached;
      }
    }
    Acl built = Acl.of(policies, identity);
    synchronized (entries) {
      entries.put(key, built);
      if (entries.size() > capacity) {
        entries.remove(entries.keySet().iterator().next());
      }
    }
    return built;
  }

  /** Drops every cached ACL (e.g. after a policy was deleted). */
  public void clear() {
    synchronized (entries) {
      entries.clear();
    }
  }

  /** How many ACLs are cached. */
  public int size() {
    synchronized (entries) {
      return entries.size();
    }
  }

  /** Policies by reference, in order, plus the identity for templated sets. */
  private static final class Key {
    private final List<Policy> policies;
    private final IdentityContext identity;
    private final int hash;

    Key(List<Policy> policies, IdentityContext identity) {
      this.policies = policies;
      this.identity = identity;
      int h = identity == null ? 0 : identity.hashCode();
      for (Policy p : policies) {
        h = 31 * h + System.identityHashCode(p);
      }
      this.hash = h;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Key other)
          || other.hash != hash
          || other.policies.size() != policies.size()) {
        return false;
      }
      for (int i = 0; i < policies.size(); i++) {
        if (policies.get(i) != other.policies.get(i)) {
          return false;
        }
      }
      return identity == null ? other.identity == null : identity.equals(other.identity);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
