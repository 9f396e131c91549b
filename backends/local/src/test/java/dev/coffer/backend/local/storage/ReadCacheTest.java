package dev.coffer.backend.local.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.backend.local.storage.EntryTable.Change;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReadCacheTest {
  private static final byte[] OLD = {1};
  private static final byte[] NEW = {2};

  @Test
  void aValueReadBeforeACommitNeverReplacesWhatTheCommitWrote() {
    ReadCache cache = new ReadCache(1 << 20);
    cache.fill("k", Optional.of(OLD), cache.stamp("k"));
    long stamp = cache.stamp("k"); // a reader is about to read SQLite: it sees OLD
    cache.written(List.of(new Change("k", NEW))); // meanwhile a writer commits NEW
    cache.fill("k", Optional.of(OLD), stamp); // the reader comes back late

    assertThat(cache.lookup("k")).hasValueSatisfying(v -> assertThat(v).containsExactly(NEW));
  }

  @Test
  void aReadThatMissedFillsTheCacheWhenNoWriteCameBetween() {
    ReadCache cache = new ReadCache(1 << 20);
    assertThat(cache.lookup("k")).isNull();

    cache.fill("k", Optional.of(OLD), cache.stamp("k"));
    cache.fill("gone", Optional.empty(), cache.stamp("gone"));

    assertThat(cache.lookup("k")).hasValueSatisfying(v -> assertThat(v).containsExactly(OLD));
    assertThat(cache.lookup("gone")).isEmpty();
  }

  @Test
  void aFillAfterAForgottenCommitIsRefusedAndTheKeyIsReadAgain() {
    ReadCache cache = new ReadCache(1 << 20);
    cache.fill("k", Optional.of(OLD), cache.stamp("k"));
    long stamp = cache.stamp("k");
    cache.forget(List.of(new Change("k", NEW)));
    cache.fill("k", Optional.of(OLD), stamp);

    assertThat(cache.lookup("k")).isNull();
  }

  @Test
  void aDeleteOfACachedKeyIsRememberedAsAbsent() {
    ReadCache cache = new ReadCache(1 << 20);
    cache.fill("k", Optional.of(OLD), cache.stamp("k"));
    cache.written(List.of(new Change("k", NEW), new Change("k", null)));

    assertThat(cache.lookup("k")).isEmpty();
  }

  @Test
  void aWriteOfAKeyNobodyReadIsNotCachedButStopsAStaleFill() {
    ReadCache cache = new ReadCache(1 << 20);
    long stamp = cache.stamp("k");
    cache.written(List.of(new Change("k", NEW)));

    assertThat(cache.lookup("k")).isNull();
    cache.fill("k", Optional.of(OLD), stamp);
    assertThat(cache.lookup("k")).isNull();
  }

  @Test
  void theCacheStaysWithinItsBytesAndDropsTheLeastRecentlyUsedFirst() {
    long max = 64 * 1024;
    ReadCache cache = new ReadCache(max);
    byte[] value = new byte[100];
    cache.fill("hot", Optional.of(value), cache.stamp("hot"));
    for (int i = 0; i < 5_000; i++) {
      cache.fill("k" + i, Optional.of(value), cache.stamp("k" + i));
      cache.lookup("hot");
    }

    assertThat(cache.bytes()).isLessThanOrEqualTo(max);
    assertThat(cache.lookup("k0")).isNull();
    assertThat(cache.lookup("k4999")).isNotNull();
  }

  @Test
  void aValueTooLargeForItsStripeIsNotCached() {
    ReadCache cache = new ReadCache(64 * 1024);
    cache.fill("big", Optional.of(new byte[4096]), cache.stamp("big"));

    assertThat(cache.lookup("big")).isNull();
  }

  @Test
  void whatTheCacheReturnsIsACopy() {
    ReadCache cache = new ReadCache(1 << 20);
    cache.fill("k", Optional.of(new byte[] {7}), cache.stamp("k"));
    cache.lookup("k").orElseThrow()[0] = 9;

    assertThat(cache.lookup("k")).hasValueSatisfying(v -> assertThat(v).containsExactly(7));
  }
}
