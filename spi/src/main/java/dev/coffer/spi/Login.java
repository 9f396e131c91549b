package dev.coffer.spi;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an {@link AuthMethod}'s login path answers when the caller proved who it is: the identity
 * alias and the shape of the token to issue. The server creates the token (and the identity entity
 * behind the alias) and answers Vault's {@code auth} block; an auth method never sees or makes
 * tokens itself.
 *
 * @param aliasName who logged in, as this auth mount names it (a user name, a role id, a JWT's user
 *     claim); the identity alias of the entity
 * @param aliasMetadata facts about the caller (e.g. mapped JWT claims), usable in templated
 *     policies as {@code identity.entity.aliases.<mount accessor>.metadata.<key>}
 * @param displayName the token's display name
 * @param policies the token's policies ({@code default} is added unless the list names it or {@code
 *     noDefaultPolicy} is set)
 * @param metadata the token's metadata, shown in lookups and audit
 * @param ttl the token's TTL; zero for the mount's default
 * @param maxTtl the token's maximum TTL; zero for the mount's maximum
 * @param period a periodic token's period; zero for none
 * @param numUses how many requests the token may make; zero for unlimited
 * @param renewable whether the token can be renewed
 * @param boundCidrs networks the token may be used from; empty for any
 * @param noDefaultPolicy whether to leave out the {@code default} policy
 */
public record Login(
    String aliasName,
    Map<String, String> aliasMetadata,
    String displayName,
    List<String> policies,
    Map<String, String> metadata,
    Duration ttl,
    Duration maxTtl,
    Duration period,
    long numUses,
    boolean renewable,
    List<String> boundCidrs,
    boolean noDefaultPolicy) {

  public Login {
    Objects.requireNonNull(aliasName, "aliasName");
    aliasMetadata = copy(aliasMetadata);
    displayName = Objects.requireNonNullElse(displayName, "");
    policies = policies == null ? List.of() : List.copyOf(policies);
    metadata = copy(metadata);
    ttl = Objects.requireNonNullElse(ttl, Duration.ZERO);
    maxTtl = Objects.requireNonNullElse(maxTtl, Duration.ZERO);
    period = Objects.requireNonNullElse(period, Duration.ZERO);
    boundCidrs = boundCidrs == null ? List.of() : List.copyOf(boundCidrs);
    if (numUses < 0) {
      throw new IllegalArgumentException("numUses must not be negative");
    }
  }

  /** A renewable login with these policies and the mount's default TTLs. */
  public static Login of(String aliasName, List<String> policies) {
    return new Login(
        aliasName,
        Map.of(),
        aliasName,
        policies,
        Map.of(),
        Duration.ZERO,
        Duration.ZERO,
        Duration.ZERO,
        0,
        true,
        List.of(),
        false);
  }

  /** This login with alias metadata. */
  public Login withAliasMetadata(Map<String, String> newAliasMetadata) {
    return new Login(
        aliasName,
        newAliasMetadata,
        displayName,
        policies,
        metadata,
        ttl,
        maxTtl,
        period,
        numUses,
        renewable,
        boundCidrs,
        noDefaultPolicy);
  }

  /** This login with token metadata. */
  public Login withMetadata(Map<String, String> newMetadata) {
    return new Login(
        aliasName,
        aliasMetadata,
        displayName,
        policies,
        newMetadata,
        ttl,
        maxTtl,
        period,
        numUses,
        renewable,
        boundCidrs,
        noDefaultPolicy);
  }

  /** This login with token lifetimes and limits. */
  public Login withToken(
      Duration newTtl,
      Duration newMaxTtl,
      Duration newPeriod,
      long newNumUses,
      boolean newRenewable,
      List<String> newBoundCidrs) {
    return new Login(
        aliasName,
        aliasMetadata,
        displayName,
        policies,
        metadata,
        newTtl,
        newMaxTtl,
        newPeriod,
        newNumUses,
        newRenewable,
        newBoundCidrs,
        noDefaultPolicy);
  }

  private static Map<String, String> copy(Map<String, String> m) {
    return m == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }
}
