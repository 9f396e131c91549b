package dev.coffer.server.core.quota;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlidingWindowCounterTest {
  private static final long MINUTE = 60_000;

  @Test
  void countsEventsOfTheLastBucketsAndForgetsOlderOnes() {
    SlidingWindowCounter c = new SlidingWindowCounter(MINUTE, 60);
    long t0 = 1_000 * MINUTE;
    for (int i = 0; i < 5; i++) {
      c.add(t0);
    }
    c.add(t0 + 30 * MINUTE);

    assertThat(c.total(t0)).isEqualTo(5);
    assertThat(c.total(t0 + 59 * MINUTE)).isEqualTo(6);
    assertThat(c.total(t0 + 60 * MINUTE)).as("the first bucket slid out").isEqualTo(1);
    assertThat(c.total(t0 + 90 * MINUTE)).isZero();
  }

  @Test
  void aSlotComingRoundAgainStartsFromZero() {
    SlidingWindowCounter c = new SlidingWindowCounter(1_000, 3);
    c.add(0);
    c.add(0);
    c.add(3_000);

    assertThat(c.total(3_000)).isEqualTo(1);
  }

  @Test
  void concurrentAddsAreAllCounted() throws InterruptedException {
    SlidingWindowCounter c = new SlidingWindowCounter(MINUTE, 60);
    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      threads[t] =
          new Thread(
              () -> {
                for (int i = 0; i < 10_000; i++) {
                  c.add(5 * MINUTE + i % 3 * MINUTE);
                }
              });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(c.total(8 * MINUTE)).isEqualTo(40_000);
  }
}
