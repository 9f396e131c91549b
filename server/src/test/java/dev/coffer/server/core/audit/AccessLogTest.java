package dev.coffer.server.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.backend.local.storage.InMemoryStorageBackend;
import dev.coffer.server.core.AuditedCall;
import dev.coffer.server.core.barrier.AesGcm;
import dev.coffer.server.core.barrier.Barrier;
import dev.coffer.spi.ClientInfo;
import dev.coffer.spi.Operation;
import dev.coffer.spi.Storage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The asynchronous, batched writer of the access log over a real barrier. */
class AccessLogTest {
  private Storage storage;
  private final AtomicInteger transactions = new AtomicInteger();
  private AccessLog log;

  @BeforeEach
  void unsealedBarrier() {
    Barrier barrier = new Barrier(new InMemoryStorageBackend());
    barrier.initialize(AesGcm.randomBytes(32), Instant.now());
    storage = countingTransactions(barrier.root());
  }

  @AfterEach
  void stopWriter() {
    if (log != null) {
      log.stop();
    }
  }

  @Test
  void recordsArriveInOrderAndAReaderSeesThemAtOnce() {
    log = new AccessLog(storage, 1000, 1000, 100, 8);
    log.start();
    for (int i = 0; i < 20; i++) {
      log.record(call("secret/data/a", "r" + i), null, Instant.ofEpochSecond(1000 + i));
    }

    List<Map<String, Object>> listed = log.list("secret/data/a", 100);

    assertThat(listed).extracting(e -> e.get("request_id")).hasSize(20).first().isEqualTo("r19");
    for (int i = 0; i < 20; i++) {
      assertThat(listed.get(i)).containsEntry("request_id", "r" + (19 - i));
    }
  }

  @Test
  void aBurstLargerThanOneBatchIsStoredCompletelyInFewTransactions() {
    log = new AccessLog(storage, 1000, 1000, 1000, 16);
    log.start();
    for (int i = 0; i < 500; i++) {
      log.record(call("p/" + (i % 5), "r" + i), null, Instant.ofEpochSecond(1000, i));
    }
    log.stop();

    for (int p = 0; p < 5; p++) {
      assertThat(log.list("p/" + p, 1000)).hasSize(100);
      // Records of one path in one batch share a row.
      assertThat(storedRows("p/" + p)).hasSizeBetween(7, 99);
    }
    // Batches of at most 16: no fewer than 32 commits, far fewer than one per record.
    assertThat(transactions.get()).isBetween(32, 499);
    assertThat(log.dropped()).isZero();
  }

  @Test
  void theRecordsOfOnePathInOneBatchShareARowAndListNewestFirst() {
    log = new AccessLog(storage, 1000, 1000, 100, 100);
    // Not started: the listing's flush stores all five as one batch.
    for (int i = 0; i < 5; i++) {
      log.record(call("secret/data/a", "r" + i), null, Instant.ofEpochSecond(1000 + i));
    }
    log.record(call("secret/data/b", "b0"), null, Instant.ofEpochSecond(1000));

    assertThat(log.list("secret/data/a", 10))
        .extracting(e -> e.get("request_id"))
        .containsExactly("r4", "r3", "r2", "r1", "r0");
    assertThat(storedRows("secret/data/a")).hasSize(1).first().asString().endsWith(".5");
    assertThat(storedRows("secret/data/b")).hasSize(1).first().asString().doesNotContain(".");
    assertThat(log.list("secret/data/a", 2))
        .extracting(e -> e.get("request_id"))
        .containsExactly("r4", "r3");
  }

  @Test
  void aPathsRecordsAreRowsNamedAfterItsHashWithNoFolderOfTheirOwn() {
    log = new AccessLog(storage, 1000, 1000, 100, 100);
    log.record(call("secret/data/a", "a0"), null, Instant.ofEpochSecond(1000));
    log.record(call("secret/data/b", "b0"), null, Instant.ofEpochSecond(1000));
    log.list("secret/data/a", 1); // flush

    assertThat(storage.list(AccessLog.PREFIX))
        .hasSize(2)
        .noneMatch(name -> name.endsWith("/"))
        .anyMatch(name -> name.startsWith(AccessLog.hash("secret/data/a") + "-"))
        .anyMatch(name -> name.startsWith(AccessLog.hash("/secret/data/b/") + "-"));
  }

  @Test
  void aPathWithMoreRowsThanOneListingPageIsListedWholeAndApartFromItsNeighbours() {
    log = new AccessLog(storage, 1000, 1000, 1000, 1); // one row per record
    log.start();
    for (int i = 0; i < 300; i++) {
      log.record(call("secret/data/a", "a" + i), null, Instant.ofEpochSecond(1000 + i));
      log.record(call("secret/data/n" + (i % 7), "n" + i), null, Instant.ofEpochSecond(1000));
    }
    log.stop();

    assertThat(storedRows("secret/data/a")).hasSize(300);
    List<Map<String, Object>> listed = log.list("secret/data/a", 1000);
    assertThat(listed).hasSize(300);
    assertThat(listed.get(0).get("request_id")).isEqualTo("a299");
    assertThat(listed.get(299).get("request_id")).isEqualTo("a0");
  }

  @Test
  void rowsOfEarlierVersionsInAFolderPerPathAreListedAfterNewerOnesAndTrimmed() {
    String folder = AccessLog.PREFIX + AccessLog.hash("secret/data/a") + "/";
    storage.put(
        folder + AccessLog.key(Instant.ofEpochSecond(900), "old"),
        dev.coffer.server.core.Json.write(Map.of("request_id", "old")));
    log = new AccessLog(storage, 1000, 1000, 100, 100);
    log.record(call("secret/data/a", "new1"), null, Instant.ofEpochSecond(1000));
    log.record(call("secret/data/a", "new2"), null, Instant.ofEpochSecond(1001));

    assertThat(log.list("secret/data/a", 10))
        .extracting(e -> e.get("request_id"))
        .containsExactly("new2", "new1", "old");

    AccessLog bounded = new AccessLog(storage, 1); // trims after every record
    bounded.record(call("secret/data/a", "new3"), null, Instant.ofEpochSecond(1002));
    assertThat(bounded.list("secret/data/a", 10))
        .extracting(e -> e.get("request_id"))
        .containsExactly("new3");
    assertThat(storedRows("secret/data/a")).as("only the newest row is left").hasSize(1);
    assertThat(storage.list(folder)).isEmpty();
  }

  @Test
  void trimmingDropsWholeRowsPastTheBoundAndListingNeverShowsMore() {
    log = new AccessLog(storage, 4, 1, 100, 3);
    log.start();
    for (int i = 0; i < 30; i++) {
      log.record(call("secret/data/a", "r" + i), null, Instant.ofEpochSecond(1000 + i));
      if (i % 3 == 2) {
        log.list("secret/data/a", 1); // flush: rows of three records
      }
    }
    log.stop();

    assertThat(log.list("secret/data/a", 100))
        .extracting(e -> e.get("request_id"))
        .containsExactly("r29", "r28", "r27", "r26");
    int stored = storedRows("secret/data/a").stream().mapToInt(AccessLog::recordsIn).sum();
    assertThat(stored).isBetween(4, 4 + 2);
    assertThat(storedRows("secret/data/a"))
        .as("the second row is kept whole although the bound falls inside it")
        .hasSize(2);
  }

  @Test
  void aFullQueueDropsAndCountsRecordsInsteadOfBlocking() {
    // Not started: nothing drains the queue until someone reads.
    log = new AccessLog(storage, 1000, 1000, 4, 16);
    for (int i = 0; i < 10; i++) {
      log.record(call("secret/data/a", "r" + i), null, Instant.ofEpochSecond(1000 + i));
    }

    assertThat(log.dropped()).isEqualTo(6);
    assertThat(log.queued()).isEqualTo(4);
    assertThat(log.list("secret/data/a", 100))
        .extracting(e -> e.get("request_id"))
        .containsExactly("r3", "r2", "r1", "r0");
    assertThat(log.queued()).isZero();
  }

  @Test
  void stoppingStoresEverythingStillQueued() {
    log = new AccessLog(storage, 1000, 1000, 100, 8);
    // A writer whose batches never run, as when the core is busy sealing.
    log.start(work -> false);
    for (int i = 0; i < 30; i++) {
      log.record(call("secret/data/a", "r" + i), null, Instant.ofEpochSecond(1000 + i));
    }
    assertThat(storedRows("secret/data/a")).isEmpty();

    log.stop();

    assertThat(log.list("secret/data/a", 100)).hasSize(30);
    assertThat(log.queued()).isZero();
  }

  @Test
  void aStoppedLogCanStartAgainAndKeepsRecording() {
    log = new AccessLog(storage, 1000, 1000, 100, 8);
    log.start();
    log.record(call("secret/data/a", "before"), null, Instant.ofEpochSecond(1000));
    log.stop();
    log.start();
    log.record(call("secret/data/a", "after"), null, Instant.ofEpochSecond(1001));

    assertThat(log.list("secret/data/a", 10))
        .extracting(e -> e.get("request_id"))
        .containsExactly("after", "before");
  }

  /** The rows of {@code path} as stored, read straight from storage rather than through the log. */
  private List<String> storedRows(String path) {
    String first = AccessLog.hash(path) + "-";
    return storage.list(AccessLog.PREFIX).stream().filter(n -> n.startsWith(first)).toList();
  }

  private Storage countingTransactions(Storage inner) {
    return new Storage() {
      @Override
      public Optional<byte[]> get(String key) {
        return inner.get(key);
      }

      @Override
      public void put(String key, byte[] value) {
        inner.put(key, value);
      }

      @Override
      public void delete(String key) {
        inner.delete(key);
      }

      @Override
      public List<String> list(String prefix) {
        return inner.list(prefix);
      }

      @Override
      public List<String> listPage(String prefix, String after, int limit) {
        return inner.listPage(prefix, after, limit);
      }

      @Override
      public <T> T transaction(Function<Storage, T> work) {
        transactions.incrementAndGet();
        return inner.transaction(work);
      }
    };
  }

  private static AuditedCall call(String path, String requestId) {
    return new AuditedCall(
        requestId,
        Instant.now(),
        Operation.READ,
        path,
        "secret/",
        "kv",
        Map.of(),
        new ClientInfo("10.0.0.1", "accessor-1234", "tester", List.of("default"), ""));
  }
}
