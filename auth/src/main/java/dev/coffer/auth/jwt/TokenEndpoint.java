package dev.coffer.auth.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Exchanges an authorization code for an ID token at the provider's {@code token_endpoint}: a form
 * POST with {@code grant_type=authorization_code}, the code, the redirect URI and the PKCE {@code
 * code_verifier}, the client authenticated with {@code client_secret_basic} (or {@code
 * client_secret_post} when that is all the provider supports). Messages never contain the code, the
 * verifier, the client secret or any token; of the provider's error answer only the OAuth {@code
 * error} code is repeated.
 */
final class TokenEndpoint {
  static final String FAILED = "Vault login failed. Error exchanging oidc code: ";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ERROR_CODE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  private TokenEndpoint() {}

  /** The raw ID token the provider answers for {@code code}. */
  static String exchange(
      HttpFetcher fetcher,
      ProviderMetadata provider,
      String clientId,
      String clientSecret,
      String code,
      String redirectUri,
      String codeVerifier) {
    if (provider.tokenEndpoint().isEmpty()) {
      throw CofferException.invalid(FAILED + "the discovery document names no token_endpoint.");
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("redirect_uri", redirectUri);
    form.put("code_verifier", codeVerifier);
    Map<String, String> headers = new LinkedHashMap<>();
    if (provider.secretInBody()) {
      form.put("client_id", clientId);
      form.put("client_secret", clientSecret);
    } else {
      String pair = encode(clientId) + ":" + encode(clientSecret);
      headers.put(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
    HttpFetcher.Answer answer;
    try {
      answer = fetcher.postForm(provider.tokenEndpoint(), formBody(form), headers);
    } catch (IOException e) {
      throw new CofferException(
          ErrorCode.UPSTREAM_FAILURE, FAILED + "the token endpoint could not be reached.");
    }
    JsonNode body = parse(answer.body());
    if (answer.status() != 200) {
      String error = body.path("error").asText("");
      // a refused code (invalid_grant) is the caller's problem; a failing provider is not
      throw new CofferException(
          answer.status() >= 500 ? ErrorCode.UPSTREAM_FAILURE : ErrorCode.INVALID_REQUEST,
          FAILED
              + "the token endpoint answered status "
              + answer.status()
              + (ERROR_CODE.matcher(error).matches() ? " (" + error + ")" : "")
              + ".");
    }
    String idToken = body.path("id_token").asText("");
    if (idToken.isEmpty()) {
      throw CofferException.invalid(FAILED + "the token endpoint answered no id_token.");
    }
    return idToken;
  }

  private static JsonNode parse(String body) {
    try {
      JsonNode n = JSON.readTree(body == null ? "" : body);
      return n == null ? JSON.createObjectNode() : n;
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  static String formBody(Map<String, String> form) {
    return form.entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
