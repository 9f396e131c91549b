package dev.coffer.spi.testkit;

import dev.coffer.spi.IssuedLease;
import dev.coffer.spi.Response;
import dev.coffer.spi.SecretLease;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Turns the {@link SecretLease} a handler attached to a {@link Response} into the {@link
 * IssuedLease} the server would later hand to {@code SecretsEngine.revokeLease/renewLease}, so an
 * engine's lease callbacks can be tested without a server.
 *
 * <pre>{@code
 * Response r = harness.read("creds/readonly");
 * IssuedLease lease = Leases.issued(r, "database/", "creds/readonly", clock.instant());
 * engine.revokeLease(lease);
 * }</pre>
 */
public final class Leases {
  private Leases() {}

  /**
   * The lease of {@code response} as issued at {@code issueTime}, with an id under {@code mountPath
   * + path} and an expiry after its TTL ({@link TestMountContext#DEFAULT_TTL} if zero).
   *
   * @throws IllegalArgumentException if the response carries no lease
   */
  public static IssuedLease issued(
      Response response, String mountPath, String path, Instant issueTime) {
    SecretLease lease = Objects.requireNonNull(response, "response").lease();
    if (lease == null) {
      throw new IllegalArgumentException("the response carries no lease");
    }
    Duration ttl = lease.ttl().isZero() ? TestMountContext.DEFAULT_TTL : lease.ttl();
    String prefix = mountPath.endsWith("/") ? mountPath : mountPath + "/";
    return new IssuedLease(
        prefix + path + "/" + UUID.randomUUID(),
        lease.kind(),
        path,
        lease.internal(),
        issueTime,
        issueTime.plus(ttl));
  }
}
