package dev.coffer.auth.approle;

import dev.coffer.spi.Cidrs;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.FieldType;
import dev.coffer.spi.Login;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code login {role_id, secret_id}} (unauthenticated): answers a {@link Login} whose alias is the
 * role id, with alias and token metadata {@code role_name} plus the secret id's metadata.
 */
final class LoginPath {
  /** The one message for every wrong role id / secret id combination, as Vault answers. */
  static final String INVALID = "invalid role or secret ID";

  private final RoleStore roles;
  private final SecretIdStore secretIds;
  private final Clock clock;

  LoginPath(RoleStore roles, SecretIdStore secretIds, Clock clock) {
    this.roles = roles;
    this.secretIds = secretIds;
    this.clock = clock;
  }

  List<PathSpec> paths() {
    return List.of(
        PathSpec.builder("login")
            .field("role_id", FieldType.STRING)
            .field("secret_id", FieldType.STRING)
            .unauthenticated()
            .on(Operation.UPDATE, this::login)
            .description("logs in with a role id and a secret id")
            .build());
  }

  private Response login(Request r) {
    String roleId = r.string("role_id", "").trim();
    if (roleId.isEmpty()) {
      throw CofferException.invalid("missing role_id");
    }
    String secretId = r.string("secret_id", "").trim();
    Optional<Role> found = roles.byRoleId(roleId);
    if (found.isEmpty()) {
      // Same work as a known role with a wrong secret id, so timing tells nothing apart.
      secretIds.find("", secretId);
      throw CofferException.invalid(INVALID);
    }
    Role role = found.get();
    String remote = r.client().remoteAddress();
    if (!Cidrs.allows(role.secretIdBoundCidrs(), remote)) {
      throw CofferException.invalid(
          "source address \"" + remote + "\" unauthorized by CIDR restrictions on the role");
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    List<String> tokenCidrs = role.tokenBoundCidrs();
    if (role.bindSecretId()) {
      if (secretId.isEmpty()) {
        throw CofferException.invalid("missing secret_id");
      }
      SecretId entry = useSecretId(role, secretId, remote);
      metadata.putAll(entry.metadata());
      if (!entry.tokenBoundCidrs().isEmpty()) {
        tokenCidrs = entry.tokenBoundCidrs();
      }
    }
    metadata.put("role_name", role.name());
    Login login =
        new Login(
            role.roleId(),
            metadata,
            "",
            role.tokenPolicies(),
            metadata,
            Duration.ofSeconds(role.tokenTtl()),
            Duration.ofSeconds(role.tokenMaxTtl()),
            Duration.ofSeconds(role.tokenPeriod()),
            role.tokenNumUses(),
            true,
            tokenCidrs,
            role.tokenNoDefaultPolicy());
    return Response.ofLogin(login);
  }

  /** Checks the secret id's CIDRs, then takes one of its uses; refuses unknown or expired ones. */
  private SecretId useSecretId(Role role, String secretId, String remote) {
    Instant now = clock.instant();
    SecretId entry =
        secretIds
            .find(role.name(), secretId)
            .map(SecretIdStore.Located::secretId)
            .filter(e -> !e.expiredAt(now))
            .orElseThrow(() -> CofferException.invalid(INVALID));
    if (!Cidrs.allows(entry.cidrList(), remote)) {
      throw CofferException.invalid(
          "source address \""
              + remote
              + "\" unauthorized through CIDR restrictions on the secret ID");
    }
    return secretIds
        .use(role.name(), secretId, now)
        .orElseThrow(() -> CofferException.invalid(INVALID));
  }
}
