package dev.coffer.auth.jwt;

import com.nimbusds.jose.jwk.JWK;
import java.util.List;

/** Where the public keys that verify tokens come from: static PEMs, a JWKS URL or discovery. */
interface KeySource {

  /**
   * The keys that may have signed a token with this key id ({@code null} when the token names none:
   * every key is a candidate). An unknown key id may trigger a bounded refetch.
   *
   * @return the candidates; empty when no key matches even after a refetch
   */
  List<JWK> candidates(String kid);

  /** The issuer the discovery document names, or {@code ""} when there is none. */
  default String discoveredIssuer() {
    return "";
  }
}
