package dev.coffer.auth.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWK;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import java.io.IOException;
import java.time.Clock;
import java.util.List;

/**
 * Keys found through OIDC discovery: the document at {@code
 * <oidc_discovery_url>/.well-known/openid-configuration} names the issuer and the {@code jwks_uri},
 * which is then served by a {@link RemoteKeySet}, and the endpoints of the OIDC browser flow
 * ({@link ProviderMetadata}). The document is fetched once and cached.
 */
final class DiscoveryKeySource implements KeySource {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String discoveryUrl;
  private final HttpFetcher fetcher;
  private final Clock clock;
  private volatile Discovered discovered;

  private record Discovered(String issuer, RemoteKeySet keys, ProviderMetadata metadata) {}

  DiscoveryKeySource(String discoveryUrl, HttpFetcher fetcher, Clock clock) {
    this.discoveryUrl = trimSlash(discoveryUrl);
    this.fetcher = fetcher;
    this.clock = clock;
  }

  /** Fetches the discovery document and the key set now; a 400 that says why if either fails. */
  void check() {
    Discovered d;
    try {
      d = discover();
    } catch (IOException e) {
      throw CofferException.invalid("error checking oidc discovery URL: " + e.getMessage());
    }
    d.keys().check();
    discovered = d;
  }

  @Override
  public List<JWK> candidates(String kid) {
    return resolved().keys().candidates(kid);
  }

  @Override
  public String discoveredIssuer() {
    return resolved().issuer();
  }

  /** The endpoints of the OIDC browser flow the discovery document names. */
  ProviderMetadata metadata() {
    return resolved().metadata();
  }

  /** The fetcher that reaches this provider (with the configured CA, if any). */
  HttpFetcher fetcher() {
    return fetcher;
  }

  private Discovered resolved() {
    Discovered d = discovered;
    if (d != null) {
      return d;
    }
    synchronized (this) {
      if (discovered == null) {
        try {
          discovered = discover();
        } catch (IOException e) {
          throw new CofferException(
              ErrorCode.UPSTREAM_FAILURE,
              "error fetching the OIDC discovery document from the identity provider");
        }
      }
      return discovered;
    }
  }

  private Discovered discover() throws IOException {
    String url = discoveryUrl + "/.well-known/openid-configuration";
    JsonNode doc;
    try {
      doc = JSON.readTree(fetcher.get(url));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IOException("the discovery document at " + url + " is not JSON");
    }
    String issuer = doc.path("issuer").asText("");
    String jwksUri = doc.path("jwks_uri").asText("");
    if (issuer.isEmpty() || jwksUri.isEmpty()) {
      throw new IOException("the discovery document at " + url + " lacks issuer or jwks_uri");
    }
    if (!trimSlash(issuer).equals(discoveryUrl)) {
      throw new IOException(
          "issuer did not match the issuer returned by provider, expected \""
              + discoveryUrl
              + "\" got \""
              + issuer
              + "\"");
    }
    return new Discovered(
        issuer, new RemoteKeySet(jwksUri, fetcher, clock), ProviderMetadata.from(doc));
  }

  private static String trimSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
