package dev.coffer.server.core.mfa;

import dev.coffer.server.core.mount.MountEntry;
import dev.coffer.spi.Login;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A login that passed its auth method and waits for MFA: what to issue once every constraint is
 * satisfied.
 *
 * @param requestId the {@code mfa_request_id}
 * @param mount the auth mount that accepted the login
 * @param path the login path
 * @param login what the auth method answered
 * @param entityId the login's entity
 * @param constraints enforcement name to the method ids any one of which satisfies it
 * @param expires when the request lapses
 */
record PendingLogin(
    String requestId,
    MountEntry mount,
    String path,
    Login login,
    String entityId,
    Map<String, List<String>> constraints,
    Instant expires) {

  PendingLogin {
    constraints = Map.copyOf(constraints);
  }

  @Override
  public String toString() {
    return "PendingLogin[" + path + ", entity " + entityId + "]";
  }
}
