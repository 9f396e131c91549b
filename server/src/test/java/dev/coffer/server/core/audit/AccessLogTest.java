package dev.coffer.server.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.backend.local.storage.InMemoryStorageBackend;
import dev.coffer.server.core.AuditedCall;
import dev.coffer.server.core.Json;
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
  private boolean failNextTransaction;

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
    log = new AccessLog(storage, 256, 10_000, 100, 8);
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
    log = new AccessLog(storage, 256, 10_000, 1000, 16);
    log.start();
    for (int i = 0; i < 500; i++) {
      log.record(call("p/" + (i % 5), "r" + i), null, Instant.ofEpochSecond(1000, i));
    }
    log.stop();

    for (int p = 0; p < 5; p++) {
      assertThat(log.list("p/" + p, 1000)).hasSize(100);
    }
    // Batches of at most 16: no fewer than 32 commits, far fewer than one per record.
    assertThat(transactions.get()).isBetween(32, 499);
    assertThat(storage.list(AccessJournal.INDEX)).as("two chunks of 256").hasSize(2);
    assertThat(log.dropped()).isZero();
  }

  @Test
  void aBatchOfManyPathsIsStoredAsAFewChunksNotARowPerPath() {
    log = new AccessLog(storage, 100, 10_000, 1000, 1000);
    // Not started: the listing's flush stores all 300 as one batch.
    for (int i = 0; i < 300; i++) {
      log.record(call("secret/data/k" + i, "r" + i), null, Instant.ofEpochSecond(1000));
    }

    assertThat(log.list("secret/data/k7", 10))
        .singleElement()
        .satisfies(e -> assertThat(e).containsEntry("request_id", "r7"));
    assertThat(transactions.get()).isEqualTo(1);
    assertThat(storage.list(AccessLog.PREFIX)).containsExactly("index/", "records/");
    assertThat(storage.list(AccessJournal.INDEX)).hasSize(3);
    assertThat(storage.list(AccessJournal.RECORDS)).hasSize(3);
  }

  @Test
  void aPathWhoseRecordsSpanManyChunksIsListedNewestFirstAndApartFromItsNeighbours() {
    log = new AccessLog(storage, 2, 10_000, 1000, 3);
    log.start();
    for (int i = 0; i < 300; i++) {
      log.record(call("secret/data/a", "a" + i), null, Instant.ofEpochSecond(1000 + i));
      log.record(call("secret/data/n" + (i % 7), "n" + i), null, Instant.ofEpochSecond(1000));
    }
    log.stop();

    assertThat(storage.list(AccessJournal.INDEX)).as("past one listing page").hasSize(300);
    List<Map<String, Object>> listed = log.list("secret/data/a", 1000);
    assertThat(listed)
        .hasSize(300)
        .allSatisfy(e -> assertThat(e).containsEntry("path", "secret/data/a"));
    assertThat(listed.get(0).get("request_id")).isEqualTo("a299");
    assertThat(listed.get(299).get("request_id")).isEqualTo("a0");
    assertThat(log.list("/secret/data/a/", 2))
        .extracting(e -> e.get("request_id"))
        .containsExactly("a299", "a298");
    assertThat(log.list("secret/data/none", 10)).isEmpty();
  }

  @Test
  void theOldestChunksAreDeletedOnceTheJournalHoldsMoreThanTheBound() {
    log = new AccessLog(storage, 4, 8, 1000, 3); // keeps 3 chunks: 8 records and the open chunk
    log.start();
    for (int i = 0; i < 40; i++) {
      log.record(call("secret/data/a", "r" + i), null, Instant.ofEpochSecond(1000 + i));
    }
    log.stop();

    assertThat(storage.list(AccessJournal.INDEX)).hasSize(3);
    assertThat(storage.list(AccessJournal.RECORDS)).hasSize(3);
    assertThat(log.list("secret/data/a", 100))
        .extracting(e -> e.get("request_id"))
        .containsExactly(
            "r39", "r38", "r37", "r36", "r35", "r34", "r33", "r32", "r31", "r30", "r29", "r28");
  }

  @Test
  void aLowerBoundAtTheNextStartDeletesTheChunksItNoLongerCovers() {
    log = new AccessLog(storage, 4, 100, 1000, 100);
    for (int i = 0; i < 40; i++) {
      log.record(call("secret/data/a", "r" + i), null, Instant.ofEpochSecond(1000 + i));
    }
    log.list("secret/data/a", 1); // flush: ten full chunks
    assertThat(storage.list(AccessJournal.INDEX)).hasSize(10);

    AccessLog lower = new AccessLog(storage, 4, 8, 1000, 100);
    lower.record(call("secret/data/a", "r40"), null, Instant.ofEpochSecond(1040));

    assertThat(lower.list("secret/data/a", 100))
        .hasSize(9)
        .first()
        .satisfies(e -> assertThat(e).containsEntry("request_id", "r40"));
    assertThat(storage.list(AccessJournal.INDEX)).hasSize(3);
    assertThat(storage.list(AccessJournal.RECORDS)).hasSize(3);
  }

  @Test
  void aNewWriterGoesOnFillingTheNewestChunk() {
    log = new AccessLog(storage, 10, 100, 1000, 100);
    for (int i = 0; i < 3; i++) {
      log.record(call("secret/data/a", "r" + i), null, Instant.ofEpochSecond(1000 + i));
    }
    log.stop();
    AccessLog next = new AccessLog(storage, 10, 100, 1000, 100);
    for (int i = 3; i < 5; i++) {
      next.record(call("secret/data/a", "r" + i), null, Instant.ofEpochSecond(1000 + i));
    }

    assertThat(next.list("secret/data/a", 100))
        .extracting(e -> e.get("request_id"))
        .containsExactly("r4", "r3", "r2", "r1", "r0");
    List<String> chunks = storage.list(AccessJournal.INDEX);
    assertThat(chunks).hasSize(1);
    assertThat(storage.get(AccessJournal.INDEX + chunks.get(0)).orElseThrow())
        .as("five 8-byte path hashes")
        .hasSize(40);
  }

  @Test
  void aBatchWhoseTransactionFailsIsCountedAndTheNextOneStillLandsInPlace() {
    log = new AccessLog(storage, 4, 100, 1000, 100);
    log.record(call("secret/data/a", "r0"), null, Instant.ofEpochSecond(1000));
    log.list("secret/data/a", 1); // flush: one record in the open chunk
    failNextTransaction = true;
    for (int i = 1; i < 4; i++) {
      log.record(call("secret/data/a", "lost" + i), null, Instant.ofEpochSecond(1000 + i));
    }
    log.list("secret/data/a", 1); // flush: this batch fails
    for (int i = 4; i < 10; i++) {
      log.record(call("secret/data/a", "r" + i), null, Instant.ofEpochSecond(1000 + i));
    }

    assertThat(log.list("secret/data/a", 100))
        .extracting(e -> e.get("request_id"))
        .containsExactly("r9", "r8", "r7", "r6", "r5", "r4", "r0");
    assertThat(log.failed()).isEqualTo(3);
    for (String chunk : storage.list(AccessJournal.INDEX)) {
      int hashes = storage.get(AccessJournal.INDEX + chunk).orElseThrow().length / Long.BYTES;
      byte[] records = storage.get(AccessJournal.RECORDS + chunk).orElseThrow();
      assertThat(Json.readAll(records)).as("index and records agree").hasSize(hashes);
    }
  }

  @Test
  void rowsOfEarlierVersionsAreListedAfterTheJournal() {
    String hash = AccessLog.hash("secret/data/a");
    storage.put(
        AccessLog.PREFIX + hash + "-" + earlierKey(950, "row") + ".2",
        Json.writeAll(List.of(Map.of("request_id", "row2"), Map.of("request_id", "row1"))));
    storage.put(
        AccessLog.PREFIX + hash + "/" + earlierKey(900, "folder"),
        Json.write(Map.of("request_id", "folder")));
    storage.put(
        AccessLog.PREFIX + AccessLog.hash("secret/data/b") + "-" + earlierKey(990, "other"),
        Json.write(Map.of("request_id", "other")));
    log = new AccessLog(storage, 4, 100, 100, 100);
    log.record(call("secret/data/a", "new1"), null, Instant.ofEpochSecond(1000));
    log.record(call("secret/data/a", "new2"), null, Instant.ofEpochSecond(1001));

    assertThat(log.list("secret/data/a", 10))
        .extracting(e -> e.get("request_id"))
        .containsExactly("new2", "new1", "row2", "row1", "folder");
    assertThat(log.list("secret/data/a", 3))
        .extracting(e -> e.get("request_id"))
        .containsExactly("new2", "new1", "row2");
  }

  @Test
  void aFullQueueDropsAndCountsRecordsInsteadOfBlocking() {
    // Not started: nothing drains the queue until someone reads.
    log = new AccessLog(storage, 256, 10_000, 4, 16);
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
    log = new AccessLog(storage, 256, 10_000, 100, 8);
    // A writer whose batches never run, as when the core is busy sealing.
    log.start(work -> false);
    for (int i = 0; i < 30; i++) {
      log.record(call("secret/data/a", "r" + i), null, Instant.ofEpochSecond(1000 + i));
    }
    assertThat(storage.list(AccessLog.PREFIX)).isEmpty();

    log.stop();

    assertThat(log.list("secret/data/a", 100)).hasSize(30);
    assertThat(log.queued()).isZero();
  }

  @Test
  void aStoppedLogCanStartAgainAndKeepsRecording() {
    log = new AccessLog(storage, 256, 10_000, 100, 8);
    log.start();
    log.record(call("secret/data/a", "before"), null, Instant.ofEpochSecond(1000));
    log.stop();
    log.start();
    log.record(call("secret/data/a", "after"), null, Instant.ofEpochSecond(1001));

    assertThat(log.list("secret/data/a", 10))
        .extracting(e -> e.get("request_id"))
        .containsExactly("after", "before");
  }

  /** A row name of earlier versions: the reversed nanosecond time, zero-padded, then the id. */
  private static String earlierKey(long epochSecond, String requestId) {
    return String.format("%019d", Long.MAX_VALUE - epochSecond * 1_000_000_000L) + "-" + requestId;
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
        if (failNextTransaction) {
          failNextTransaction = false;
          throw new IllegalStateException("disk full");
        }
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
