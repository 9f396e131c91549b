package dev.coffer.auth.jwt;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.ArrayList;
import java.util.List;

/**
 * An OIDC identity provider on WireMock: a discovery document, a JWKS at {@code /keys} with RSA and
 * EC keys, a signer for tokens shaped like real CI tokens, and for the browser flow an {@code
 * /authorize} endpoint (only named: the test plays the browser) and a {@code /token} endpoint
 * answering the ID token the test signs.
 */
final class FakeIdentityProvider implements AutoCloseable {
  private static final RSAKey SHARED_RSA = newRsa("rsa-1");
  private static final ECKey SHARED_EC = newEc("ec-1");

  final WireMockServer server = new WireMockServer(options().dynamicPort());
  private final List<JWK> published = new ArrayList<>();
  RSAKey rsa;
  ECKey ec;

  FakeIdentityProvider() {
    server.start();
    rsa = SHARED_RSA;
    ec = SHARED_EC;
    publish(rsa, ec);
    discovery("client_secret_basic", "client_secret_post");
  }

  /**
   * Serves the discovery document: issuer, {@code /keys}, {@code /authorize}, {@code /token} and
   * these {@code token_endpoint_auth_methods_supported}.
   */
  void discovery(String... tokenAuthMethods) {
    String methods =
        List.of(tokenAuthMethods).stream()
            .map(m -> "\"" + m + "\"")
            .collect(java.util.stream.Collectors.joining(","));
    server.stubFor(
        get(urlEqualTo("/.well-known/openid-configuration"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"issuer\":\""
                            + issuer()
                            + "\",\"jwks_uri\":\""
                            + issuer()
                            + "/keys\",\"authorization_endpoint\":\""
                            + issuer()
                            + "/authorize\",\"token_endpoint\":\""
                            + issuer()
                            + "/token\",\"token_endpoint_auth_methods_supported\":["
                            + methods
                            + "],\"id_token_signing_alg_values_supported\":[\"RS256\"]}")));
  }

  /** The token endpoint answers {@code idToken} to every code exchange. */
  void answerIdToken(String idToken) {
    server.stubFor(
        post(urlEqualTo("/token"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\","
                            + "\"expires_in\":300,\"id_token\":\""
                            + idToken
                            + "\"}")));
  }

  /** The token endpoint answers {@code status} with this JSON body. */
  void answerTokenRequests(int status, String json) {
    server.stubFor(
        post(urlEqualTo("/token"))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(json)));
  }

  /** The code exchanges the provider received. */
  List<LoggedRequest> tokenRequests() {
    return server.findAll(postRequestedFor(urlEqualTo("/token")));
  }

  String issuer() {
    return "http://localhost:" + server.port();
  }

  String jwksUrl() {
    return issuer() + "/keys";
  }

  /** Publishes exactly these keys (their public halves) at {@code /keys}. */
  void publish(JWK... keys) {
    published.clear();
    published.addAll(List.of(keys));
    server.stubFor(
        get(urlEqualTo("/keys"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(new JWKSet(published).toPublicJWKSet().toString())));
  }

  int jwksFetches() {
    return server.findAll(getRequestedFor(urlEqualTo("/keys"))).size();
  }

  static RSAKey newRsa(String kid) {
    try {
      return new RSAKeyGenerator(2048).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  static ECKey newEc(String kid) {
    try {
      return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Signs {@code claims} with the RSA key (RS256). */
  String sign(JWTClaimsSet claims) {
    return sign(rsa, JWSAlgorithm.RS256, rsa.getKeyID(), claims);
  }

  /** Signs {@code claims} with {@code key} using {@code alg}, naming key id {@code kid}. */
  static String sign(JWK key, JWSAlgorithm alg, String kid, JWTClaimsSet claims) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).build(), claims);
      if (key instanceof RSAKey r) {
        jwt.sign(new RSASSASigner(r));
      } else {
        jwt.sign(new ECDSASigner((ECKey) key));
      }
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop();
  }
}
