package dev.coffer.auth.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What the OIDC browser flow needs from the provider's discovery document: where to send the
 * browser ({@code authorization_endpoint}), where to exchange the code ({@code token_endpoint}) and
 * how the client authenticates there ({@code token_endpoint_auth_methods_supported}).
 */
record ProviderMetadata(
    String authorizationEndpoint, String tokenEndpoint, List<String> tokenEndpointAuthMethods) {

  static final String CLIENT_SECRET_BASIC = "client_secret_basic";
  static final String CLIENT_SECRET_POST = "client_secret_post";

  ProviderMetadata {
    tokenEndpointAuthMethods = List.copyOf(tokenEndpointAuthMethods);
  }

  /** The endpoints named by a discovery document ({@code ""} for those it lacks). */
  static ProviderMetadata from(JsonNode discovery) {
    List<String> methods = new ArrayList<>();
    discovery.path("token_endpoint_auth_methods_supported").forEach(n -> methods.add(n.asText()));
    return new ProviderMetadata(
        discovery.path("authorization_endpoint").asText(""),
        discovery.path("token_endpoint").asText(""),
        methods);
  }

  /**
   * Whether the client sends its secret in the form body ({@code client_secret_post}) rather than
   * in an {@code Authorization: Basic} header: only when the provider lists post but not basic
   * (basic is the default of OpenID Connect Discovery).
   */
  boolean secretInBody() {
    return tokenEndpointAuthMethods.contains(CLIENT_SECRET_POST)
        && !tokenEndpointAuthMethods.contains(CLIENT_SECRET_BASIC);
  }
}
