package dev.coffer.server.core.quota;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sliding-window read counters by key (token accessor or entity id), bounded in memory: counters
 * idle for a whole window are swept, and at {@code maxTracked} keys the least recently used of a
 * small sample is evicted to make room (as Redis approximates LRU).
 */
final class ReadCounters {
  private static final int MAX_BUCKETS = 60;
  private static final int EVICTION_SAMPLE = 16;

  private final long windowMillis;
  private final long bucketMillis;
  private final int buckets;
  private final int maxTracked;
  private final ConcurrentHashMap<String, Tracked> counters = new ConcurrentHashMap<>();
  private final AtomicLong lastSweep;

  ReadCounters(Duration window, int maxTracked, long nowMillis) {
    this.windowMillis = window.toMillis();
    this.buckets = (int) Math.max(1, Math.min(MAX_BUCKETS, windowMillis / 1000));
    this.bucketMillis = (windowMillis + buckets - 1) / buckets;
    this.maxTracked = maxTracked;
    this.lastSweep = new AtomicLong(nowMillis);
  }

  /** The counter of {@code key}, created if needed, marked as used at {@code nowMillis}. */
  Tracked counter(String key, long nowMillis) {
    sweepIfDue(nowMillis);
    Tracked t = counters.get(key);
    if (t == null) {
      if (counters.size() >= maxTracked) {
        makeRoom(nowMillis);
      }
      t = counters.computeIfAbsent(key, k -> new Tracked(bucketMillis, buckets));
    }
    t.lastSeen = nowMillis;
    return t;
  }

  /** How many keys are tracked. */
  int size() {
    return counters.size();
  }

  /** Whether {@code key} is tracked (for tests). */
  boolean tracks(String key) {
    return counters.containsKey(key);
  }

  private void sweepIfDue(long nowMillis) {
    long last = lastSweep.get();
    if (nowMillis - last >= bucketMillis && lastSweep.compareAndSet(last, nowMillis)) {
      counters.values().removeIf(t -> nowMillis - t.lastSeen >= windowMillis);
    }
  }

  private void makeRoom(long nowMillis) {
    while (counters.size() >= maxTracked) {
      String oldestKey = null;
      long oldest = Long.MAX_VALUE;
      Iterator<Map.Entry<String, Tracked>> it = counters.entrySet().iterator();
      for (int i = 0; i < EVICTION_SAMPLE && it.hasNext(); i++) {
        Map.Entry<String, Tracked> e = it.next();
        if (e.getValue().lastSeen < oldest) {
          oldest = e.getValue().lastSeen;
          oldestKey = e.getKey();
        }
      }
      if (oldestKey == null) {
        return;
      }
      counters.remove(oldestKey);
    }
  }

  /** One key's reads and when it was last warned about. */
  static final class Tracked {
    final SlidingWindowCounter reads;
    private final AtomicLong warnedAt = new AtomicLong(Long.MIN_VALUE);
    volatile long lastSeen;

    Tracked(long bucketMillis, int buckets) {
      this.reads = new SlidingWindowCounter(bucketMillis, buckets);
    }

    /** True for exactly one caller per window: the one that should warn. */
    boolean claimWarning(long nowMillis, long windowMillis) {
      long prev = warnedAt.get();
      return (prev == Long.MIN_VALUE || nowMillis - prev >= windowMillis)
          && warnedAt.compareAndSet(prev, nowMillis);
    }
  }
}
