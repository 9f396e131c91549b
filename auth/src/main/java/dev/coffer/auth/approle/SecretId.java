package dev.coffer.auth.approle;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A secret id as stored, keyed by the HMAC of its value (the value itself is never stored).
 *
 * @param accessor its public accessor
 * @param metadata metadata given at creation, added to the login's alias and token metadata
 * @param cidrList where it may be used from
 * @param tokenBoundCidrs where tokens issued with it may be used from (overrides the role's)
 * @param numUses uses left (0: unlimited)
 * @param ttl its TTL at creation in seconds (0: never expires)
 * @param creationTime when it was created
 * @param expirationTime when it expires, or {@code null}
 * @param lastUpdated when it was last changed
 */
record SecretId(
    String accessor,
    Map<String, String> metadata,
    List<String> cidrList,
    List<String> tokenBoundCidrs,
    long numUses,
    long ttl,
    Instant creationTime,
    Instant expirationTime,
    Instant lastUpdated) {

  SecretId {
    metadata = Map.copyOf(metadata);
    cidrList = List.copyOf(cidrList);
    tokenBoundCidrs = List.copyOf(tokenBoundCidrs);
  }

  /** Whether it can no longer be used at {@code now}. */
  boolean expiredAt(Instant now) {
    return expirationTime != null && !expirationTime.isAfter(now);
  }

  /** This secret id with one use fewer. */
  SecretId used(Instant now) {
    return new SecretId(
        accessor,
        metadata,
        cidrList,
        tokenBoundCidrs,
        numUses - 1,
        ttl,
        creationTime,
        expirationTime,
        now);
  }

  /** As the lookup endpoints show it. */
  Map<String, Object> view() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cidr_list", cidrList);
    m.put("creation_time", creationTime.toString());
    m.put(
        "expiration_time",
        expirationTime == null ? "0001-01-01T00:00:00Z" : expirationTime.toString());
    m.put("last_updated_time", lastUpdated.toString());
    m.put("metadata", new TreeMap<>(metadata));
    m.put("secret_id_accessor", accessor);
    m.put("secret_id_num_uses", numUses);
    m.put("secret_id_ttl", ttl);
    m.put("token_bound_cidrs", tokenBoundCidrs);
    return m;
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("accessor", accessor);
    m.put("metadata", metadata);
    m.put("cidr_list", cidrList);
    m.put("token_bound_cidrs", tokenBoundCidrs);
    m.put("num_uses", numUses);
    m.put("ttl", ttl);
    m.put("creation_time", creationTime.toString());
    m.put("expiration_time", expirationTime == null ? null : expirationTime.toString());
    m.put("last_updated", lastUpdated.toString());
    return m;
  }

  @SuppressWarnings("unchecked")
  static SecretId fromJson(Map<String, Object> m) {
    Object exp = m.get("expiration_time");
    return new SecretId(
        (String) m.get("accessor"),
        (Map<String, String>) m.get("metadata"),
        (List<String>) m.get("cidr_list"),
        (List<String>) m.get("token_bound_cidrs"),
        Role.num(m, "num_uses"),
        Role.num(m, "ttl"),
        Instant.parse((String) m.get("creation_time")),
        exp == null ? null : Instant.parse((String) exp),
        Instant.parse((String) m.get("last_updated")));
  }
}
