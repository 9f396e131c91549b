package dev.coffer.server.core.token;

import dev.coffer.server.core.IsoInstant;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the server stores about a token. Holds no token id: the id is only known hashed, and the
 * parent is named by the HMAC of its id.
 *
 * @param accessor the token's accessor (safe to log and show)
 * @param policies the policies it carries, sorted
 * @param meta its metadata
 * @param displayName its display name, e.g. {@code token-ci}
 * @param numUses uses left; 0 means unlimited, {@link #EXHAUSTED} means the last use is under way
 * @param creationTime when it was created
 * @param creationTtl its TTL at creation, in seconds (0: never expires)
 * @param expireTime when it stops working, or {@code null} for never
 * @param explicitMaxTtl the hard limit on its lifetime from creation, in seconds (0: none)
 * @param period its period in seconds (0: not periodic)
 * @param renewable whether it can be renewed
 * @param parentHash the HMAC of the parent's id, or {@code ""} for an orphan
 * @param path the path that created it, e.g. {@code auth/token/create}
 * @param entityId its identity entity, or {@code ""}
 * @param role the token role it was created against, or {@code ""}
 * @param boundCidrs the networks it may be used from (empty: any)
 * @param lastRenewal when it was last renewed, or {@code null}
 * @param lastMfaTime when its holder last passed an MFA check (step-up), or {@code null}
 */
public record TokenEntry(
    String accessor,
    List<String> policies,
    Map<String, String> meta,
    String displayName,
    long numUses,
    Instant creationTime,
    long creationTtl,
    Instant expireTime,
    long explicitMaxTtl,
    long period,
    boolean renewable,
    String parentHash,
    String path,
    String entityId,
    String role,
    List<String> boundCidrs,
    Instant lastRenewal,
    Instant lastMfaTime) {

  /** The stored {@link #numUses} of a token whose last use is being served. */
  public static final long EXHAUSTED = -1;

  public TokenEntry {
    policies = List.copyOf(policies);
    meta = withoutNulls(meta);
    displayName = displayName == null ? "" : displayName;
    parentHash = parentHash == null ? "" : parentHash;
    path = path == null ? "" : path;
    entityId = entityId == null ? "" : entityId;
    role = role == null ? "" : role;
    boundCidrs = boundCidrs == null ? List.of() : List.copyOf(boundCidrs);
  }

  /** A token that has not passed an MFA check. */
  public TokenEntry(
      String accessor,
      List<String> policies,
      Map<String, String> meta,
      String displayName,
      long numUses,
      Instant creationTime,
      long creationTtl,
      Instant expireTime,
      long explicitMaxTtl,
      long period,
      boolean renewable,
      String parentHash,
      String path,
      String entityId,
      String role,
      List<String> boundCidrs,
      Instant lastRenewal) {
    this(
        accessor,
        policies,
        meta,
        displayName,
        numUses,
        creationTime,
        creationTtl,
        expireTime,
        explicitMaxTtl,
        period,
        renewable,
        parentHash,
        path,
        entityId,
        role,
        boundCidrs,
        lastRenewal,
        null);
  }

  /** Whether the token has no parent. */
  public boolean orphan() {
    return parentHash.isEmpty();
  }

  /** Whether the token no longer works at {@code now}: expired, or its last use taken. */
  public boolean deadAt(Instant now) {
    return numUses == EXHAUSTED || (expireTime != null && !expireTime.isAfter(now));
  }

  /** Seconds of life left at {@code now} (0 for a token that never expires). */
  public long ttlAt(Instant now) {
    if (expireTime == null) {
      return 0;
    }
    return Math.max(0, expireTime.getEpochSecond() - now.getEpochSecond());
  }

  /** Uses left as shown to clients (0 for unlimited or exhausted). */
  public long usesLeft() {
    return Math.max(0, numUses);
  }

  /** A copy with another number of uses left. */
  public TokenEntry withNumUses(long uses) {
    return new TokenEntry(
        accessor,
        policies,
        meta,
        displayName,
        uses,
        creationTime,
        creationTtl,
        expireTime,
        explicitMaxTtl,
        period,
        renewable,
        parentHash,
        path,
        entityId,
        role,
        boundCidrs,
        lastRenewal,
        lastMfaTime);
  }

  /** A copy renewed at {@code now} to expire at {@code newExpiry}. */
  public TokenEntry renewed(Instant now, Instant newExpiry) {
    return new TokenEntry(
        accessor,
        policies,
        meta,
        displayName,
        numUses,
        creationTime,
        creationTtl,
        newExpiry,
        explicitMaxTtl,
        period,
        renewable,
        parentHash,
        path,
        entityId,
        role,
        boundCidrs,
        now,
        lastMfaTime);
  }

  /** A copy without a parent (after {@code revoke-orphan} of its parent). */
  public TokenEntry orphaned() {
    return new TokenEntry(
        accessor,
        policies,
        meta,
        displayName,
        numUses,
        creationTime,
        creationTtl,
        expireTime,
        explicitMaxTtl,
        period,
        renewable,
        "",
        path,
        entityId,
        role,
        boundCidrs,
        lastRenewal,
        lastMfaTime);
  }

  /** A copy whose holder passed an MFA check at {@code when}. */
  public TokenEntry withLastMfaTime(Instant when) {
    return new TokenEntry(
        accessor,
        policies,
        meta,
        displayName,
        numUses,
        creationTime,
        creationTtl,
        expireTime,
        explicitMaxTtl,
        period,
        renewable,
        parentHash,
        path,
        entityId,
        role,
        boundCidrs,
        lastRenewal,
        when);
  }

  @Override
  public String toString() {
    return "TokenEntry[accessor=" + accessor + ", policies=" + policies + "]";
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("accessor", accessor);
    m.put("policies", policies);
    m.put("meta", new TreeMap<>(meta));
    m.put("display_name", displayName);
    m.put("num_uses", numUses);
    m.put("creation_time", creationTime.toString());
    m.put("creation_ttl", creationTtl);
    m.put("expire_time", expireTime == null ? null : expireTime.toString());
    m.put("explicit_max_ttl", explicitMaxTtl);
    m.put("period", period);
    m.put("renewable", renewable);
    m.put("parent", parentHash);
    m.put("path", path);
    m.put("entity_id", entityId);
    m.put("role", role);
    m.put("bound_cidrs", boundCidrs);
    m.put("last_renewal", lastRenewal == null ? null : lastRenewal.toString());
    m.put("last_mfa_time", lastMfaTime == null ? null : lastMfaTime.toString());
    return m;
  }

  @SuppressWarnings("unchecked")
  static TokenEntry fromJson(Map<String, Object> m) {
    return new TokenEntry(
        (String) m.get("accessor"),
        (List<String>) m.get("policies"),
        (Map<String, String>) m.get("meta"),
        (String) m.get("display_name"),
        number(m, "num_uses"),
        instant(m.get("creation_time")),
        number(m, "creation_ttl"),
        instant(m.get("expire_time")),
        number(m, "explicit_max_ttl"),
        number(m, "period"),
        Boolean.TRUE.equals(m.get("renewable")),
        (String) m.get("parent"),
        (String) m.get("path"),
        (String) m.get("entity_id"),
        (String) m.get("role"),
        (List<String>) m.get("bound_cidrs"),
        instant(m.get("last_renewal")),
        instant(m.get("last_mfa_time")));
  }

  private static Map<String, String> withoutNulls(Map<String, String> meta) {
    Map<String, String> out = new TreeMap<>();
    if (meta != null) {
      meta.forEach(
          (k, v) -> {
            if (k != null && v != null) {
              out.put(k, v);
            }
          });
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  private static long number(Map<String, Object> m, String key) {
    Object v = m.get(key);
    return v instanceof Number n ? n.longValue() : 0;
  }

  private static Instant instant(Object v) {
    return v == null ? null : IsoInstant.parse(v.toString());
  }
}
