package dev.coffer.server.core.quota;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The per-client-IP counters of one {@link RateLimitQuota}: each client gets a fixed window of
 * {@code interval} holding {@code rate} requests, refilled at the start of the next window (the
 * token bucket Vault uses), and is refused for {@code block_interval} once it runs dry.
 *
 * <p>Memory is bounded: windows that are over and not blocking are swept at most once per interval,
 * and past {@code maxClients} tracked clients every further client shares one overflow window.
 */
final class ClientLimiter {
  /** The key under which clients share a window once the table is full. */
  static final String OVERFLOW = "\u0000overflow";

  private final RateLimitQuota quota;
  private final long tokens;
  private final long intervalMillis;
  private final long blockMillis;
  private final int maxClients;
  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
  private final AtomicLong lastSweep;

  ClientLimiter(RateLimitQuota quota, int maxClients, long nowMillis) {
    this.quota = quota;
    this.tokens = quota.tokensPerInterval();
    this.intervalMillis = Math.max(1, quota.interval().toMillis());
    this.blockMillis = quota.blockInterval().toMillis();
    this.maxClients = maxClients;
    this.lastSweep = new AtomicLong(nowMillis);
  }

  RateLimitQuota quota() {
    return quota;
  }

  /** Takes one request from {@code client}'s window; false if the client must be refused. */
  boolean tryAcquire(String client, long nowMillis) {
    sweepIfDue(nowMillis);
    Window w = windows.get(client);
    if (w == null) {
      String key = windows.size() < maxClients ? client : OVERFLOW;
      w = windows.computeIfAbsent(key, k -> new Window(nowMillis, tokens));
    }
    return w.take(nowMillis, tokens, intervalMillis, blockMillis);
  }

  /** How many clients are tracked (for tests). */
  int trackedClients() {
    return windows.size();
  }

  private void sweepIfDue(long nowMillis) {
    long last = lastSweep.get();
    long every = Math.max(intervalMillis, 1000);
    if (nowMillis - last < every || !lastSweep.compareAndSet(last, nowMillis)) {
      return;
    }
    windows.values().removeIf(w -> w.idle(nowMillis, intervalMillis));
  }

  /** One client's window; tiny and uncontended, so a monitor is cheaper than CAS loops. */
  private static final class Window {
    private long start;
    private long remaining;
    private long blockedUntil;

    Window(long nowMillis, long tokens) {
      this.start = nowMillis;
      this.remaining = tokens;
    }

    synchronized boolean take(long now, long tokens, long interval, long block) {
      if (now < blockedUntil) {
        return false;
      }
      if (now - start >= interval) {
        start += (now - start) / interval * interval;
        remaining = tokens;
      }
      if (remaining > 0) {
        remaining--;
        return true;
      }
      if (block > 0) {
        blockedUntil = now + block;
      }
      return false;
    }

    synchronized boolean idle(long now, long interval) {
      return now - start >= interval && now >= blockedUntil;
    }
  }
}
