package dev.coffer.auth.jwt;

import dev.coffer.spi.Login;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last steps shared by {@code login} and {@code oidc/callback} once a token's signature and
 * registered claims checked out: the role's {@code bound_claims}, {@code user_claim} and {@code
 * groups_claim}, then the {@link Login} with the role's token settings, token metadata {@code role}
 * plus the {@code claim_mappings}, and an alias named after the user claim.
 */
final class RoleLogin {
  private RoleLogin() {}

  static Login of(String roleName, JwtRole role, Map<String, Object> claims) {
    Claims.checkBound(
        claims, role.boundClaims(), JwtRole.CLAIMS_GLOB.equals(role.boundClaimsType()));
    String user = ClaimValidator.userName(claims, role);
    ClaimValidator.groups(claims, role);
    JwtRole.TokenSettings t = role.token();
    Map<String, String> aliasMetadata = Claims.mapped(claims, role.claimMappings());
    Map<String, String> tokenMetadata = new LinkedHashMap<>();
    tokenMetadata.put("role", roleName);
    tokenMetadata.putAll(aliasMetadata);
    return new Login(
        user,
        aliasMetadata,
        user,
        t.policies(),
        tokenMetadata,
        t.ttl(),
        t.maxTtl(),
        t.period(),
        t.numUses(),
        true,
        t.boundCidrs(),
        t.noDefaultPolicy());
  }
}
