package dev.coffer.server.core.token;

import dev.coffer.server.core.mount.MountEntry;
import dev.coffer.spi.AuthResult;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.Login;
import java.time.Instant;
import java.util.List;

/**
 * Issues the token of a successful auth method login ({@link Login}), with Vault's rules: an orphan
 * service token; policies from the login plus {@code default} unless left out; TTL the login's or
 * the mount's default, capped by the login's max TTL, the mount's max TTL and the system's; a
 * periodic token's TTL is its period; display name {@code <mount>-<name>}.
 */
public final class LoginTokens {
  private final TokenStore store;

  /** Issues tokens into {@code store}. */
  public LoginTokens(TokenStore store) {
    this.store = store;
  }

  /**
   * Creates the token and answers its {@code auth} block.
   *
   * @param mount the auth mount that accepted the login
   * @param requestPath the login path, e.g. {@code auth/approle/login}
   * @param login what the auth method answered
   * @param entityId the identity entity of the login's alias, or {@code ""}
   * @throws CofferException 400 if the login asks for the {@code root} policy
   */
  public AuthResult issue(MountEntry mount, String requestPath, Login login, String entityId) {
    List<String> policies = TokenPolicies.sanitize(login.policies(), !login.noDefaultPolicy());
    if (login.noDefaultPolicy()) {
      policies = TokenPolicies.withoutDefault(policies);
    }
    if (policies.contains(TokenPolicies.ROOT)) {
      throw CofferException.invalid("auth methods cannot create root tokens");
    }
    long max = maxTtl(mount, login);
    long ttl;
    long period = login.period().getSeconds();
    if (period > 0) {
      ttl = period;
    } else {
      ttl =
          login.ttl().isZero()
              ? mount.effectiveDefaultTtl().getSeconds()
              : login.ttl().getSeconds();
      ttl = Math.min(ttl, max);
    }
    Instant now = store.clock().instant();
    String id = TokenIds.newTokenId();
    TokenEntry entry =
        new TokenEntry(
            TokenIds.newAccessor(),
            policies,
            login.metadata(),
            displayName(mount, login.displayName()),
            login.numUses(),
            now,
            ttl,
            now.plusSeconds(ttl),
            period > 0 ? 0 : max,
            period,
            login.renewable(),
            "",
            requestPath,
            entityId,
            "",
            login.boundCidrs(),
            null);
    store.create(id, entry);
    return TokenViews.auth(id, entry, now);
  }

  /** The hard limit: the login's max TTL if set, never past the mount's (or the system's). */
  private static long maxTtl(MountEntry mount, Login login) {
    long mountMax = Math.min(mount.effectiveMaxTtl().getSeconds(), TokenCreation.SYSTEM_TTL);
    long asked = login.maxTtl().getSeconds();
    return asked > 0 ? Math.min(asked, mountMax) : mountMax;
  }

  /** {@code <mount path with / as ->-<name>}, as Vault names auth method tokens. */
  static String displayName(MountEntry mount, String name) {
    String source = mount.path().substring("auth/".length());
    while (source.endsWith("/")) {
      source = source.substring(0, source.length() - 1);
    }
    source = source.replace('/', '-');
    return name == null || name.isEmpty() ? source : source + "-" + name;
  }
}
