package dev.coffer.server.core.quota;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Counts events over a sliding window as a ring of buckets (e.g. 60 one-minute buckets for an
 * hour). Lock-free: a bucket is replaced by compare-and-set when its slot comes round again, and
 * counted with an atomic add. The window is approximated to one bucket's width.
 */
final class SlidingWindowCounter {
  private final long bucketMillis;
  private final AtomicReferenceArray<Bucket> ring;

  /** A counter of {@code buckets} buckets of {@code bucketMillis} each. */
  SlidingWindowCounter(long bucketMillis, int buckets) {
    if (bucketMillis <= 0 || buckets <= 0) {
      throw new IllegalArgumentException("bucket width and count must be positive");
    }
    this.bucketMillis = bucketMillis;
    this.ring = new AtomicReferenceArray<>(buckets);
  }

  /** Counts one event at {@code nowMillis}. */
  void add(long nowMillis) {
    long index = Math.floorDiv(nowMillis, bucketMillis);
    int slot = (int) Math.floorMod(index, (long) ring.length());
    while (true) {
      Bucket b = ring.get(slot);
      if (b != null && b.index >= index) {
        // The current bucket, or a newer one if the clock stepped back: count it there.
        b.count.incrementAndGet();
        return;
      }
      Bucket fresh = new Bucket(index);
      fresh.count.set(1);
      if (ring.compareAndSet(slot, b, fresh)) {
        return;
      }
    }
  }

  /** Events in the window ending at {@code nowMillis}. */
  long total(long nowMillis) {
    long index = Math.floorDiv(nowMillis, bucketMillis);
    long oldest = index - ring.length() + 1;
    long sum = 0;
    for (int i = 0; i < ring.length(); i++) {
      Bucket b = ring.get(i);
      if (b != null && b.index >= oldest && b.index <= index) {
        sum += b.count.get();
      }
    }
    return sum;
  }

  private static final class Bucket {
    final long index;
    final AtomicLong count = new AtomicLong();

    Bucket(long index) {
      this.index = index;
    }
  }
}
