package dev.coffer.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code auth} block of Vault's envelope: the token a request issued or renewed. The server
 * renders it as {@code {client_token, accessor, policies, token_policies, identity_policies,
 * metadata, lease_duration, renewable, entity_id, token_type, orphan, num_uses}}.
 *
 * <p>{@link #toString()} never shows the client token.
 *
 * @param clientToken the token id (secret)
 * @param accessor the token's accessor
 * @param policies all policies the token carries
 * @param tokenPolicies the policies attached to the token itself
 * @param identityPolicies policies from the token's identity, or {@code null} for none
 * @param metadata the token's metadata, or {@code null} for none
 * @param leaseDuration the token's TTL in seconds (0 for none)
 * @param renewable whether the token can be renewed
 * @param entityId the identity entity of the token, or {@code ""}
 * @param tokenType {@code service}
 * @param orphan whether the token has no parent
 * @param numUses how many uses it has left, 0 for unlimited
 * @param mfaRequirement Vault's {@code mfa_requirement} ({@code {mfa_request_id, mfa_constraints}})
 *     of a login that must still pass multi-factor validation (then there is no token yet), or
 *     {@code null} for none
 */
public record AuthResult(
    String clientToken,
    String accessor,
    List<String> policies,
    List<String> tokenPolicies,
    List<String> identityPolicies,
    Map<String, String> metadata,
    long leaseDuration,
    boolean renewable,
    String entityId,
    String tokenType,
    boolean orphan,
    long numUses,
    Map<String, Object> mfaRequirement) {

  public AuthResult {
    clientToken = Objects.requireNonNullElse(clientToken, "");
    accessor = Objects.requireNonNullElse(accessor, "");
    policies = policies == null ? List.of() : List.copyOf(policies);
    tokenPolicies = tokenPolicies == null ? List.of() : List.copyOf(tokenPolicies);
    identityPolicies = identityPolicies == null ? null : List.copyOf(identityPolicies);
    metadata = metadata == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    entityId = Objects.requireNonNullElse(entityId, "");
    tokenType = Objects.requireNonNullElse(tokenType, "service");
    mfaRequirement =
        mfaRequirement == null
            ? null
            : Collections.unmodifiableMap(new LinkedHashMap<>(mfaRequirement));
  }

  /** An {@code auth} block of an issued token (no MFA requirement). */
  public AuthResult(
      String clientToken,
      String accessor,
      List<String> policies,
      List<String> tokenPolicies,
      List<String> identityPolicies,
      Map<String, String> metadata,
      long leaseDuration,
      boolean renewable,
      String entityId,
      String tokenType,
      boolean orphan,
      long numUses) {
    this(
        clientToken,
        accessor,
        policies,
        tokenPolicies,
        identityPolicies,
        metadata,
        leaseDuration,
        renewable,
        entityId,
        tokenType,
        orphan,
        numUses,
        null);
  }

  /**
   * The {@code auth} block of a login that waits for multi-factor validation: no token, only
   * Vault's {@code mfa_requirement}.
   */
  public static AuthResult mfaRequired(Map<String, Object> mfaRequirement) {
    return new AuthResult(
        "",
        "",
        null,
        null,
        null,
        null,
        0,
        false,
        "",
        "",
        false,
        0,
        Objects.requireNonNull(mfaRequirement, "mfaRequirement"));
  }

  @Override
  public String toString() {
    return "AuthResult[accessor=" + accessor + ", policies=" + policies + "]";
  }
}
