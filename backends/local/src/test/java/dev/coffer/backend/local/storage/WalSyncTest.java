package dev.coffer.backend.local.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commits become durable through an fsync that began after them, shared by as many as can. */
class WalSyncTest {
  @TempDir Path dir;

  @Test
  void commitsMadeBeforeAnFsyncBeganShareIt() throws Exception {
    AtomicInteger forces = new AtomicInteger();
    WalSync sync = new WalSync(forces::incrementAndGet);
    long first = sync.committed();
    long second = sync.committed();
    long third = sync.committed();

    sync.durable(third);
    sync.durable(first);
    sync.durable(second);

    assertThat(forces).hasValue(1);
  }

  @Test
  void aCommitMadeWhileAnFsyncRunsWaitsForTheNextOne() throws Exception {
    CountDownLatch forcing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger forces = new AtomicInteger();
    WalSync sync =
        new WalSync(
            () -> {
              if (forces.incrementAndGet() == 1) {
                forcing.countDown();
                await(release);
              }
            });
    long early = sync.committed();
    CompletableFuture<Void> earlyWriter = CompletableFuture.runAsync(() -> durable(sync, early));
    assertThat(forcing.await(10, TimeUnit.SECONDS)).isTrue();
    long late = sync.committed();
    CompletableFuture<Void> lateWriter = CompletableFuture.runAsync(() -> durable(sync, late));

    Thread.sleep(50);
    assertThat(lateWriter).isNotDone();
    release.countDown();
    earlyWriter.get(10, TimeUnit.SECONDS);
    lateWriter.get(10, TimeUnit.SECONDS);

    assertThat(forces).hasValue(2);
  }

  @Test
  void aFailedFsyncFailsItsWriterAndEveryLaterOne() throws Exception {
    AtomicInteger forces = new AtomicInteger();
    WalSync sync =
        new WalSync(
            () -> {
              forces.incrementAndGet();
              throw new IOException("disk gone");
            });
    long first = sync.committed();
    assertThatThrownBy(() -> sync.durable(first)).hasMessage("disk gone");
    long second = sync.committed();

    assertThatThrownBy(() -> sync.durable(second))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("write-ahead log");
    assertThat(sync.failure()).hasMessage("disk gone");
    assertThat(forces).hasValue(1);
  }

  @Test
  void theLogOfADatabaseIsForcedAndAMissingOneNeedsNothing() throws Exception {
    Path database = dir.resolve("c.db");
    WalSync sync = WalSync.of(database);
    sync.durable(sync.committed()); // no log yet: checkpointed and removed, nothing to force

    Files.write(dir.resolve("c.db-wal"), new byte[] {1, 2, 3});
    sync.durable(sync.committed());

    assertThat(sync.failure()).isNull();
    assertThat(Files.readAllBytes(dir.resolve("c.db-wal"))).containsExactly(1, 2, 3);
  }

  private static void durable(WalSync sync, long number) {
    try {
      sync.durable(number);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
