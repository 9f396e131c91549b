package dev.coffer.server.core.lease;

/**
 * Lease gauges and counters for {@code sys/leases/count} and {@code sys/metrics}.
 *
 * @param leases leases stored (irrevocable ones included)
 * @param irrevocable leases whose revocation attempts ran out
 * @param revoked revocations done since unseal
 * @param revokeFailures failed revocation attempts since unseal
 */
public record LeaseCounts(long leases, long irrevocable, long revoked, long revokeFailures) {}
