package dev.coffer.auth.jwt;

import java.time.Clock;

/** Builds the {@link KeySource} a {@link JwtConfig} describes. */
final class KeySourceFactory {
  private KeySourceFactory() {}

  /** The factory that reaches identity providers over HTTP(S). */
  static KeySourceFactory overHttp() {
    return new KeySourceFactory();
  }

  /**
   * The key source for {@code config}. With {@code check}, remote sources are contacted now and a
   * provider that does not answer a discovery document or key set fails with a 400.
   */
  KeySource build(JwtConfig config, Clock clock, boolean check) {
    if (!config.oidcDiscoveryUrl().isEmpty()) {
      DiscoveryKeySource d =
          new DiscoveryKeySource(
              config.oidcDiscoveryUrl(), HttpFetcher.trusting(config.oidcDiscoveryCaPem()), clock);
      if (check) {
        d.check();
      }
      return d;
    }
    if (!config.jwksUrl().isEmpty()) {
      RemoteKeySet r =
          new RemoteKeySet(config.jwksUrl(), HttpFetcher.trusting(config.jwksCaPem()), clock);
      if (check) {
        r.check();
      }
      return r;
    }
    return StaticKeySource.fromPems(config.jwtValidationPubkeys());
  }
}
