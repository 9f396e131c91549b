package dev.coffer.server.core;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A request as the HTTP layer hands it to the core: already parsed, with no HTTP types in it.
 *
 * @param requestId a fresh UUID for this request
 * @param method the method ({@code GET ?list=true} already turned into LIST)
 * @param path the path after {@code /v1/}, decoded, without leading {@code /}; may end with {@code
 *     /}
 * @param data the JSON body merged with the query parameters (body wins)
 * @param token the client token from {@code X-Vault-Token} or {@code Authorization: Bearer}, or
 *     {@code null}
 * @param remoteAddress the client's IP address
 * @param wrapTtl the response-wrapping TTL the client asked for ({@code X-Vault-Wrap-TTL}), or
 *     {@code null} for an unwrapped response
 * @param mfaCode the TOTP code sent in {@code X-Coffer-MFA} for step-up and break-glass checks, or
 *     {@code null} (secret: never printed)
 */
public record CoreRequest(
    String requestId,
    RequestMethod method,
    String path,
    Map<String, Object> data,
    String token,
    String remoteAddress,
    Duration wrapTtl,
    String mfaCode) {
  public CoreRequest {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    data = data == null ? Map.of() : data;
    remoteAddress = remoteAddress == null ? "" : remoteAddress;
  }

  /** A request without an MFA code. */
  public CoreRequest(
      String requestId,
      RequestMethod method,
      String path,
      Map<String, Object> data,
      String token,
      String remoteAddress,
      Duration wrapTtl) {
    this(requestId, method, path, data, token, remoteAddress, wrapTtl, null);
  }

  /** A request that asks for no response wrapping. */
  public CoreRequest(
      String requestId,
      RequestMethod method,
      String path,
      Map<String, Object> data,
      String token,
      String remoteAddress) {
    this(requestId, method, path, data, token, remoteAddress, null, null);
  }

  @Override
  public String toString() {
    // Never print the token or the data: either may be secret.
    return "CoreRequest[" + requestId + " " + method + " " + path + "]";
  }
}
