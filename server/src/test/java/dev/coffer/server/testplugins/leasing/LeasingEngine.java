package dev.coffer.server.testplugins.leasing;

import dev.coffer.spi.FieldType;
import dev.coffer.spi.IssuedLease;
import dev.coffer.spi.MountContext;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import dev.coffer.spi.SecretLease;
import dev.coffer.spi.SecretsEngine;
import dev.coffer.spi.Storage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A test engine standing in for a database engine, controlled over its own paths:
 *
 * <ul>
 *   <li>{@code READ creds/:role?ttl=&max_ttl=&renewable=} issues a user {@code users/<name>} with a
 *       lease (internal data: the user name);
 *   <li>{@code READ users} shows live, revoked and renewed users and the periodic calls;
 *   <li>{@code UPDATE config {fail_revoke}} makes every revocation throw (with a message quoting a
 *       "password", which must never show); {@link #failRevocationOf} makes one user's throw.
 * </ul>
 */
public final class LeasingEngine implements SecretsEngine {
  /** What a failing revocation's exception says; it must never reach clients or logs. */
  public static final String SECRET_IN_ERROR = "password=hunter2";

  private final MountContext context;

  public LeasingEngine(MountContext context) {
    this.context = context;
  }

  @Override
  public List<PathSpec> paths() {
    return List.of(
        PathSpec.builder("creds/{role}")
            .field("ttl", FieldType.DURATION)
            .field("max_ttl", FieldType.DURATION)
            .field("renewable", FieldType.BOOL)
            .on(Operation.READ, this::issue)
            .build(),
        PathSpec.builder("users").on(Operation.READ, r -> Response.of(users())).build(),
        PathSpec.builder("config")
            .field("fail_revoke", FieldType.BOOL)
            .on(Operation.UPDATE, this::configure)
            .build());
  }

  private Response issue(Request r) {
    String user = r.param("role") + "-" + UUID.randomUUID().toString().substring(0, 8);
    storage().put("users/" + user, bytes("live"));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("username", user);
    data.put("password", UUID.randomUUID().toString());
    SecretLease lease =
        SecretLease.of("creds", r.duration("ttl", Duration.ZERO), Map.of("username", user))
            .withMaxTtl(r.duration("max_ttl", Duration.ZERO))
            .withRenewable(r.bool("renewable", true));
    return Response.of(data).withLease(lease);
  }

  private Response configure(Request r) {
    storage().put("config/fail_revoke", bytes(Boolean.toString(r.bool("fail_revoke", false))));
    return Response.empty();
  }

  /** Makes revocations fail (or succeed again). */
  public void failRevocations(boolean fail) {
    storage().put("config/fail_revoke", bytes(Boolean.toString(fail)));
  }

  /** Makes revocations of this one user fail (others still succeed). */
  public void failRevocationOf(String user) {
    storage().put("config/fail_user/" + user, bytes("true"));
  }

  /** Live, revoked and renewed users, and how often {@link #periodic} ran. */
  public Map<String, Object> users() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("live", storage().list("users/"));
    d.put("revoke_calls", storage().list("revoke-calls/").size());
    d.put("revoked", storage().list("revoked/"));
    d.put("renewed", storage().list("renewed/"));
    d.put("periodic_calls", storage().list("periodic/").size());
    return d;
  }

  @Override
  public List<String> revokeLease(IssuedLease lease) {
    boolean fail =
        storage()
            .get("config/fail_revoke")
            .map(b -> new String(b, StandardCharsets.UTF_8))
            .orElse("false")
            .equals("true");
    String user = lease.internalString("username");
    if (fail || storage().get("config/fail_user/" + user).isPresent()) {
      throw new IllegalStateException("cannot drop user, " + SECRET_IN_ERROR);
    }
    // One key per call, so a test can tell two revocations of one lease from one.
    storage().put("revoke-calls/" + user + "-" + UUID.randomUUID(), bytes(lease.leaseId()));
    boolean existed = storage().get("users/" + user).isPresent();
    storage().delete("users/" + user);
    storage().put("revoked/" + user, bytes(lease.leaseId()));
    return existed ? List.of() : List.of("user " + user + " was already gone");
  }

  @Override
  public void renewLease(IssuedLease lease, Instant newExpireTime) {
    storage().put("renewed/" + lease.internalString("username"), bytes(newExpireTime.toString()));
  }

  @Override
  public void periodic(Instant now) {
    storage().put("periodic/" + now.toEpochMilli() + "-" + UUID.randomUUID(), bytes("run"));
  }

  private Storage storage() {
    return context.storage();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
