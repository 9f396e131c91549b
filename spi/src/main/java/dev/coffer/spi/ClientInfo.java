package dev.coffer.spi;

import java.util.List;
import java.util.Objects;

/**
 * Who sent a request, as far as the server knows after checking the token. Never holds the token
 * itself.
 *
 * @param remoteAddress the client's IP address
 * @param tokenAccessor the accessor of the token used, or {@code ""} for unauthenticated calls
 * @param displayName the token's display name, or {@code ""}
 * @param policies the policies the token carries
 * @param entityId the identity entity the token belongs to, or {@code ""}
 */
public record ClientInfo(
    String remoteAddress,
    String tokenAccessor,
    String displayName,
    List<String> policies,
    String entityId) {
  public ClientInfo {
    remoteAddress = Objects.requireNonNullElse(remoteAddress, "");
    tokenAccessor = Objects.requireNonNullElse(tokenAccessor, "");
    displayName = Objects.requireNonNullElse(displayName, "");
    policies = policies == null ? List.of() : List.copyOf(policies);
    entityId = Objects.requireNonNullElse(entityId, "");
  }

  /** A client without an identity entity. */
  public ClientInfo(
      String remoteAddress, String tokenAccessor, String displayName, List<String> policies) {
    this(remoteAddress, tokenAccessor, displayName, policies, "");
  }

  /** A client about which nothing is known, for tests and internal calls. */
  public static ClientInfo anonymous() {
    return new ClientInfo("", "", "", List.of());
  }
}
