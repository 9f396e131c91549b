package dev.coffer.auth.jwt;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.coffer.spi.AuthMethod;
import dev.coffer.spi.Cidrs;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.FieldType;
import dev.coffer.spi.MountContext;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import java.util.List;

/**
 * The {@code jwt} auth method: {@code config}, {@code role/:name}, the unauthenticated {@code
 * login}, which trades a signed JWT (a CI job's or a pod's OIDC token) for a Coffer token whose
 * policies come from the role and whose identity alias carries the mapped claims, and the
 * operator's browser login of {@code oidc} roles ({@code oidc/auth_url}, {@code oidc/callback}:
 * {@link OidcFlow}).
 */
final class JwtAuthMethod implements AuthMethod {
  static final String MISSING_TOKEN = "missing token";
  static final String MISSING_ROLE = "missing role";
  static final String NOT_CONFIGURED = "could not load configuration";
  static final String OIDC_ROLE = "role with oidc role_type is not allowed";
  static final String INVALID_CIDR = "request originated from invalid CIDR";

  private final MountContext context;
  private final JwtStore store;
  private final KeySourceFactory keySources;
  private final OidcFlow oidc;
  private volatile Verification verification;

  /** The config in force and the keys built from it. */
  record Verification(JwtConfig config, KeySource keys) {}

  JwtAuthMethod(MountContext context, KeySourceFactory keySources) {
    this.context = context;
    this.store = new JwtStore(context.storage());
    this.keySources = keySources;
    this.oidc =
        new OidcFlow(store, this::verification, new OidcStates(context.clock()), context.clock());
  }

  @Override
  public List<PathSpec> paths() {
    return List.of(
        PathSpec.builder("config")
            .field("oidc_discovery_url", FieldType.STRING)
            .field("oidc_discovery_ca_pem", FieldType.STRING)
            .field("jwks_url", FieldType.STRING)
            .field("jwks_ca_pem", FieldType.STRING)
            .field("jwt_validation_pubkeys", FieldType.STRING_LIST)
            .field("bound_issuer", FieldType.STRING)
            .field("jwt_supported_algs", FieldType.STRING_LIST)
            .field("default_role", FieldType.STRING)
            .field("oidc_client_id", FieldType.STRING)
            .field("oidc_client_secret", FieldType.STRING, "sensitive: never returned")
            .field("oidc_response_mode", FieldType.STRING, "query (default) or form_post")
            .on(Operation.READ, this::readConfig)
            .on(Operation.UPDATE, this::writeConfig)
            .description("Where the keys that verify tokens come from.")
            .build(),
        RoleFields.declare(PathSpec.builder("role/{name}"))
            .on(Operation.READ, this::readRole)
            .on(Operation.CREATE, this::writeRole)
            .on(Operation.UPDATE, this::writeRole)
            .on(Operation.DELETE, this::deleteRole)
            .existence(r -> store.role(r.param("name")).isPresent())
            .description("Which tokens may log in and the token they get.")
            .build(),
        PathSpec.builder("role")
            .on(Operation.LIST, r -> Response.keys(store.roleNames()))
            .description("The roles.")
            .build(),
        PathSpec.builder("login")
            .field("role", FieldType.STRING)
            .field("jwt", FieldType.STRING)
            .on(Operation.UPDATE, this::login)
            .unauthenticated()
            .description("Trades a signed JWT for a Coffer token.")
            .build(),
        PathSpec.builder("oidc/auth_url")
            .field("role", FieldType.STRING)
            .field("redirect_uri", FieldType.STRING)
            .field("client_nonce", FieldType.STRING)
            .on(Operation.UPDATE, oidc::authUrl)
            .unauthenticated()
            .description("Starts an OIDC browser login: answers the provider's authorization URL.")
            .build(),
        PathSpec.builder("oidc/callback")
            .field("state", FieldType.STRING)
            .field("code", FieldType.STRING)
            .field("id_token", FieldType.STRING, "not supported (implicit flow)")
            .field("client_nonce", FieldType.STRING)
            .on(Operation.READ, oidc::callback)
            .on(Operation.UPDATE, oidc::callback)
            .unauthenticated()
            .description("Completes an OIDC browser login: trades the code for a Coffer token.")
            .build());
  }

  private Response readConfig(Request r) {
    return store.config().map(c -> Response.of(c.toData())).orElseThrow(CofferException::notFound);
  }

  private Response writeConfig(Request r) {
    JwtConfig config = JwtConfig.from(r);
    KeySource keys = keySources.build(config, context.clock(), true);
    synchronized (this) {
      store.putConfig(config);
      verification = new Verification(config, keys);
    }
    return Response.empty();
  }

  private Response readRole(Request r) {
    return store
        .role(r.param("name"))
        .map(role -> Response.of(role.toData()))
        .orElseThrow(CofferException::notFound);
  }

  private Response writeRole(Request r) {
    String name = r.param("name");
    synchronized (this) {
      JwtRole role = JwtRole.from(r, store.role(name).orElse(null));
      store.putRole(name, role);
    }
    return Response.empty();
  }

  private Response deleteRole(Request r) {
    synchronized (this) {
      store.deleteRole(r.param("name"));
    }
    return Response.empty();
  }

  private Response login(Request r) {
    Verification v = verification();
    String roleName = r.string("role", "").trim();
    if (roleName.isEmpty()) {
      roleName = v.config().defaultRole();
    }
    if (roleName.isEmpty()) {
      throw CofferException.invalid(MISSING_ROLE);
    }
    String name = roleName;
    JwtRole role =
        store
            .role(name)
            .orElseThrow(() -> CofferException.invalid("role \"" + name + "\" could not be found"));
    if (!JwtRole.TYPE_JWT.equals(role.roleType())) {
      throw CofferException.invalid(OIDC_ROLE);
    }
    String token = r.string("jwt", "");
    if (token.isBlank()) {
      throw CofferException.invalid(MISSING_TOKEN);
    }
    if (!Cidrs.allows(role.token().boundCidrs(), r.client().remoteAddress())) {
      // Vault answers 403 here, not 400
      throw new CofferException(ErrorCode.PERMISSION_DENIED, INVALID_CIDR);
    }
    JWTClaimsSet claims = TokenVerifier.verify(token, v.config().effectiveAlgs(), v.keys());
    String issuer =
        v.config().boundIssuer().isEmpty() ? v.keys().discoveredIssuer() : v.config().boundIssuer();
    ClaimValidator.checkRegistered(claims, issuer, role, context.clock().instant());
    return Response.ofLogin(RoleLogin.of(name, role, claims.getClaims()));
  }

  private Verification verification() {
    Verification v = verification;
    if (v != null) {
      return v;
    }
    synchronized (this) {
      if (verification == null) {
        JwtConfig config =
            store.config().orElseThrow(() -> CofferException.invalid(NOT_CONFIGURED));
        verification = new Verification(config, keySources.build(config, context.clock(), false));
      }
      return verification;
    }
  }
}
