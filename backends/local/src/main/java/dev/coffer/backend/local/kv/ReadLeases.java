package dev.coffer.backend.local.kv;

import dev.coffer.spi.IssuedLease;
import dev.coffer.spi.Response;
import dev.coffer.spi.SecretLease;
import java.util.Map;

/**
 * Leased reads of static secrets: with {@code lease_reads} on, every read of a secret's data
 * answers a lease of kind {@value #KIND}, whose internal data names the secret and the version
 * read. When the lease is revoked or expires the engine rotates the secret (if it has a rotator),
 * so a value read by an agent dies with its lease.
 */
final class ReadLeases {
  /** The lease kind of a leased read. */
  static final String KIND = "kv-read";

  private ReadLeases() {}

  /** {@code response} with a lease on the read of {@code path} at {@code version} (0 for KV v1). */
  static Response attach(Response response, RotationSettings s, String path, long version) {
    if (!s.leaseReads()) {
      return response;
    }
    return response.withLease(
        SecretLease.of(KIND, s.leaseTtl(), Map.of("path", path, "version", version)));
  }

  /** The version a leased read saw; 0 when unknown (KV v1). */
  static long version(IssuedLease lease) {
    try {
      return Long.parseLong(lease.internalString("version"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
