package dev.coffer.auth.jwt;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import java.io.IOException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A JWKS fetched from the identity provider and cached. A token whose key id is not in the cached
 * set triggers a refetch (the provider rotated its keys), but at most once per {@link
 * #MIN_REFETCH_INTERVAL}: a flood of tokens with random key ids cannot make this server hammer the
 * provider. Concurrent misses share one fetch. Thread-safe.
 */
final class RemoteKeySet implements KeySource {
  /** The shortest time between two fetches of the key set. */
  static final Duration MIN_REFETCH_INTERVAL = Duration.ofSeconds(10);

  private final String url;
  private final HttpFetcher fetcher;
  private final Clock clock;
  private final Object fetchLock = new Object();
  private volatile JWKSet current;
  private volatile Instant lastAttempt;

  RemoteKeySet(String url, HttpFetcher fetcher, Clock clock) {
    this.url = url;
    this.fetcher = fetcher;
    this.clock = clock;
  }

  /** Fetches the key set now, failing with a 400 that says why (used to validate a config). */
  void check() {
    try {
      JWKSet set = fetch();
      current = set;
      lastAttempt = clock.instant();
    } catch (IOException | ParseException e) {
      throw CofferException.invalid("error checking jwks_url: " + e.getMessage());
    }
  }

  @Override
  public List<JWK> candidates(String kid) {
    JWKSet seen = current;
    List<JWK> found = match(seen, kid);
    if (!found.isEmpty()) {
      return found;
    }
    if (!refetchAllowed()) {
      return orUnreachable(seen, kid);
    }
    synchronized (fetchLock) {
      if (current == seen && refetchAllowed()) {
        lastAttempt = clock.instant();
        try {
          current = fetch();
        } catch (IOException | ParseException e) {
          // keep the cached set; a provider that never answered is reported below
        }
      }
      return orUnreachable(current, kid);
    }
  }

  private static List<JWK> orUnreachable(JWKSet set, String kid) {
    if (set == null) {
      throw new CofferException(
          ErrorCode.UPSTREAM_FAILURE, "error fetching the JWKS from the identity provider");
    }
    return match(set, kid);
  }

  private boolean refetchAllowed() {
    Instant last = lastAttempt;
    return last == null || !clock.instant().isBefore(last.plus(MIN_REFETCH_INTERVAL));
  }

  private static List<JWK> match(JWKSet set, String kid) {
    if (set == null) {
      return List.of();
    }
    if (kid == null) {
      return set.getKeys();
    }
    return set.getKeys().stream().filter(k -> kid.equals(k.getKeyID())).toList();
  }

  private JWKSet fetch() throws IOException, ParseException {
    return JWKSet.parse(fetcher.get(url));
  }
}
