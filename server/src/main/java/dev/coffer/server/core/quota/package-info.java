/**
 * Limits on how often requests are served: Vault-compatible rate-limit quotas ({@code
 * sys/quotas/rate-limit}, {@code sys/quotas/config}) and the read-rate anomaly guard ({@code
 * sys/quotas/anomaly}).
 *
 * <p>{@link dev.coffer.server.core.quota.QuotaGuard} is the core's {@link
 * dev.coffer.server.core.RequestGuard}: it runs {@link dev.coffer.server.core.quota.RateLimitGuard}
 * then {@link dev.coffer.server.core.quota.ReadAnomalyGuard}, keeps their settings inside the
 * barrier under {@code sys/quotas/} and loads them on first use after unseal. All counting is in
 * memory, per node, bounded in size and driven by the core's {@link java.time.Clock}.
 */
package dev.coffer.server.core.quota;
