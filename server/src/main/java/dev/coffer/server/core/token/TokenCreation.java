package dev.coffer.server.core.token;

import dev.coffer.server.core.identity.EntityResolver;
import dev.coffer.server.core.mount.MountEntry;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Vault's rules for {@code auth/token/create}, {@code create-orphan} and {@code create/:role}:
 * policies (a subset of the parent's unless the parent is root; {@code default} added unless
 * excluded), orphans, TTL, explicit max TTL, period, uses, metadata, display name, entity alias.
 */
final class TokenCreation {
  /** The system default and maximum token TTL: 768h, as in Vault. */
  static final long SYSTEM_TTL = MountEntry.SYSTEM_DEFAULT_TTL.getSeconds();

  private final TokenStore store;
  private final RolePaths roles;
  private final EntityResolver entities;
  private final Supplier<String> mountAccessor;

  TokenCreation(
      TokenStore store, RolePaths roles, EntityResolver entities, Supplier<String> mountAccessor) {
    this.store = store;
    this.roles = roles;
    this.entities = entities;
    this.mountAccessor = mountAccessor;
  }

  /** How the token is asked for. */
  enum Kind {
    CREATE,
    ORPHAN,
    ROLE
  }

  /** Creates a child (or orphan) token of {@code caller} as the request asks. */
  Response create(Request r, CallerTokens.Caller caller, Kind kind) {
    TokenEntry parent = caller.entry();
    if (parent.numUses() != 0) {
      throw CofferException.invalid("restricted use token cannot generate child tokens");
    }
    boolean root = parent.policies().contains(TokenPolicies.ROOT);
    String type = r.string("type", "service");
    if (!type.isEmpty() && !type.equals("service") && !type.equals("default")) {
      throw CofferException.invalid(
          type.equals("batch") ? "batch tokens are not supported" : "invalid 'type' value");
    }
    TokenRole role = null;
    if (kind == Kind.ROLE) {
      String name = r.param("role_name");
      role = roles.find(name).orElseThrow(() -> CofferException.invalid("unknown role " + name));
    }
    String id = tokenId(r, root);
    boolean orphan = kind == Kind.ORPHAN || (role != null && role.orphan());
    if (r.bool("no_parent", false) && kind != Kind.ORPHAN) {
      if (!root) {
        throw CofferException.invalid("root or sudo privileges required to create orphan token");
      }
      orphan = true;
    }
    List<String> policies = policies(r, parent.policies(), root, role);
    long uses = r.integer("num_uses", role == null ? 0 : role.numUses());
    if (uses < 0) {
      throw CofferException.invalid("number of uses cannot be negative");
    }
    long period = period(r, role, root);
    long explicitMax = explicitMax(r, role);
    List<String> warnings = new ArrayList<>();
    long ttl = ttl(r, role, policies, period, explicitMax, warnings);
    if (ttl == 0 && parent.expireTime() != null) {
      throw CofferException.invalid("expiring root tokens cannot create non-expiring root tokens");
    }
    boolean renewable = ttl > 0 && r.bool("renewable", true) && (role == null || role.renewable());
    Instant now = store.clock().instant();
    TokenEntry entry =
        new TokenEntry(
            TokenIds.newAccessor(),
            policies,
            r.<String>map("meta"),
            displayName(r.string("display_name", "")),
            uses,
            now,
            ttl,
            ttl > 0 ? now.plusSeconds(ttl) : null,
            explicitMax,
            period,
            renewable,
            orphan ? "" : store.hash(caller.id()),
            path(kind, role),
            entityId(r, role, orphan ? "" : parent.entityId()),
            role == null ? "" : role.name(),
            List.of(),
            null);
    store.create(id, entry);
    Response response = Response.ofAuth(TokenViews.auth(id, entry, now));
    for (String w : warnings) {
      response = response.withWarning(w);
    }
    return response;
  }

  private static String tokenId(Request r, boolean root) {
    String requested = r.string("id", "");
    if (requested.isEmpty()) {
      return TokenIds.newTokenId();
    }
    if (!root) {
      throw CofferException.invalid("root or sudo privileges required to specify token id");
    }
    if (requested.startsWith(TokenIds.PREFIX)) {
      throw CofferException.invalid(
          "custom token ID cannot have the '" + TokenIds.PREFIX + "' prefix");
    }
    return requested;
  }

  private static List<String> policies(
      Request r, List<String> parentPolicies, boolean root, TokenRole role) {
    List<String> requested = r.list("policies");
    boolean noDefault =
        r.bool("no_default_policy", false) || (role != null && role.noDefaultPolicy());
    List<String> chosen;
    boolean addDefault = false;
    if (role != null
        && (!role.allowedPolicies().isEmpty() || !role.disallowedPolicies().isEmpty())) {
      chosen = rolePolicies(requested, parentPolicies, role, noDefault);
    } else if (requested.isEmpty()) {
      chosen = TokenPolicies.sanitize(parentPolicies, false);
    } else if (!root) {
      chosen = TokenPolicies.sanitize(requested, false);
      if (!TokenPolicies.subset(TokenPolicies.sanitize(parentPolicies, false), chosen)) {
        throw CofferException.invalid("child policies must be subset of parent");
      }
      addDefault = !noDefault && parentPolicies.contains(TokenPolicies.DEFAULT);
    } else {
      chosen = requested;
      addDefault = !noDefault;
    }
    List<String> out = TokenPolicies.sanitize(chosen, addDefault);
    if (noDefault) {
      out = TokenPolicies.withoutDefault(out);
    }
    if (out.contains(TokenPolicies.ROOT) && !root) {
      throw CofferException.invalid(
          "root tokens may not be created without parent token being root");
    }
    return out;
  }

  /** Vault's rules when the role sets allowed or disallowed policies: the parent's do not bound. */
  private static List<String> rolePolicies(
      List<String> requested, List<String> parentPolicies, TokenRole role, boolean noDefault) {
    boolean addDefault = !noDefault && !role.disallowedPolicies().contains(TokenPolicies.DEFAULT);
    List<String> chosen =
        requested.isEmpty() ? List.of() : TokenPolicies.sanitize(requested, addDefault);
    if (!role.allowedPolicies().isEmpty()) {
      List<String> allowed = TokenPolicies.sanitize(role.allowedPolicies(), addDefault);
      if (chosen.isEmpty()) {
        chosen = allowed;
      } else if (!allowed.containsAll(chosen)) {
        throw CofferException.invalid(
            "token policies ("
                + quoted(chosen)
                + ") must be subset of the role's allowed policies ("
                + quoted(allowed)
                + ")");
      }
    } else if (chosen.isEmpty()) {
      chosen = TokenPolicies.sanitize(parentPolicies, addDefault);
    }
    for (String p : chosen) {
      if (role.disallowedPolicies().contains(p)) {
        throw CofferException.invalid("token policy \"" + p + "\" is disallowed by this role");
      }
    }
    return chosen;
  }

  /** A list as Go prints a {@code []string} with {@code %q}: {@code ["a" "b"]}. */
  private static String quoted(List<String> list) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < list.size(); i++) {
      b.append(i == 0 ? "" : " ").append('"').append(list.get(i)).append('"');
    }
    return b.append(']').toString();
  }

  private static long period(Request r, TokenRole role, boolean root) {
    long requested = r.duration("period", Duration.ZERO).getSeconds();
    if (requested > 0 && !root) {
      throw CofferException.invalid("root or sudo privileges required to create periodic token");
    }
    long fromRole = role == null ? 0 : role.period();
    if (requested > 0 && fromRole > 0) {
      return Math.min(requested, fromRole);
    }
    return Math.max(requested, fromRole);
  }

  private static long explicitMax(Request r, TokenRole role) {
    long requested = r.duration("explicit_max_ttl", Duration.ZERO).getSeconds();
    long fromRole = role == null ? 0 : role.explicitMaxTtl();
    if (requested > 0 && fromRole > 0) {
      return Math.min(requested, fromRole);
    }
    return Math.max(requested, fromRole);
  }

  private static long ttl(
      Request r,
      TokenRole role,
      List<String> policies,
      long period,
      long explicitMax,
      List<String> warnings) {
    long ttl = r.duration("ttl", r.duration("lease", Duration.ZERO)).getSeconds();
    if (ttl == 0 && role != null) {
      ttl = role.ttl();
    }
    if (period > 0) {
      ttl = period;
    } else {
      if (ttl == 0 && !policies.contains(TokenPolicies.ROOT)) {
        ttl = SYSTEM_TTL;
      }
      if (ttl > SYSTEM_TTL) {
        warnings.add(
            "TTL of \""
                + dev.coffer.spi.Durations.format(Duration.ofSeconds(ttl))
                + "\" exceeded the effective max_ttl of \""
                + dev.coffer.spi.Durations.format(Duration.ofSeconds(SYSTEM_TTL))
                + "\"; TTL value is capped accordingly");
        ttl = SYSTEM_TTL;
      }
    }
    if (explicitMax > 0 && (ttl == 0 || ttl > explicitMax)) {
      if (ttl > explicitMax) {
        warnings.add(
            "explicit max TTL is less than the requested TTL; TTL value is capped accordingly");
      }
      ttl = explicitMax;
    }
    return ttl;
  }

  private String entityId(Request r, TokenRole role, String inherited) {
    String alias = r.string("entity_alias", "");
    if (alias.isEmpty()) {
      return inherited;
    }
    if (role == null) {
      throw CofferException.invalid(
          "'entity_alias' is only allowed in combination with token role");
    }
    if (!role.allowsAlias(alias)) {
      throw CofferException.invalid("invalid 'entity_alias' value");
    }
    String id = entities.resolve(mountAccessor.get(), alias, Map.of());
    return id == null ? "" : id;
  }

  /** {@code token}, or {@code token-<name>} with every character but letters, digits and - as -. */
  static String displayName(String requested) {
    if (requested.isEmpty()) {
      return "token";
    }
    String full = ("token-" + requested).replaceAll("[^a-zA-Z0-9-]", "-");
    while (full.endsWith("-")) {
      full = full.substring(0, full.length() - 1);
    }
    return full;
  }

  private static String path(Kind kind, TokenRole role) {
    return switch (kind) {
      case CREATE -> "auth/token/create";
      case ORPHAN -> "auth/token/create-orphan";
      case ROLE ->
          "auth/token/create/"
              + role.name()
              + (role.pathSuffix().isEmpty() ? "" : "/" + role.pathSuffix());
    };
  }
}
