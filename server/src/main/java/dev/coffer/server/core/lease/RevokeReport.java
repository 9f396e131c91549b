package dev.coffer.server.core.lease;

import java.util.List;

/**
 * What a bulk revocation did.
 *
 * @param revoked leases revoked (or found already gone)
 * @param failed ids of leases whose revocation failed this time (they stay, and are retried)
 */
public record RevokeReport(long revoked, List<String> failed) {
  public RevokeReport {
    failed = List.copyOf(failed);
  }

  /** Whether every lease was revoked. */
  public boolean complete() {
    return failed.isEmpty();
  }
}
