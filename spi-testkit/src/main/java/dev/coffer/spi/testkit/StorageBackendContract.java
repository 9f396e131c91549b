package dev.coffer.spi.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.coffer.spi.StorageBackend;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link StorageBackend} must show. Extend it in a test of your backend and
 * implement {@link #newBackend()}; each test gets a fresh, empty backend and closes it afterwards.
 * Transaction tests are skipped for backends that are not {@link StorageBackend#transactional()}.
 *
 * <pre>{@code
 * class MyBackendContractTest extends StorageBackendContract {
 *   @Override
 *   protected StorageBackend newBackend() {
 *     return new MyBackend(...);
 *   }
 * }
 * }</pre>
 */
public abstract class StorageBackendContract {
  /** Threads used by the concurrency tests. */
  protected static final int THREADS = 4;

  /** The backend under test in the current test. */
  protected StorageBackend backend;

  /** A new, empty backend; called once before each test. */
  protected abstract StorageBackend newBackend() throws Exception;

  @BeforeEach
  void openBackend() throws Exception {
    backend = newBackend();
  }

  @AfterEach
  void closeBackend() {
    if (backend != null) {
      backend.close();
    }
  }

  // ---- get / put / delete ------------------------------------------------------------------

  @Test
  void getOfAMissingKeyIsEmpty() {
    assertThat(backend.get("nothing/here")).isEmpty();
  }

  @Test
  void putThenGetReturnsTheSameBytes() {
    backend.put("a/b/c", bytes("hello"));
    assertThat(backend.get("a/b/c"))
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("hello")));
  }

  @Test
  void binaryValuesWithEveryByteSurviveARoundTrip() {
    byte[] all = new byte[512];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    backend.put("bin", all);
    assertThat(backend.get("bin")).hasValueSatisfying(v -> assertThat(v).isEqualTo(all));
  }

  @Test
  void anEmptyValueIsStoredAndIsNotTheSameAsMissing() {
    backend.put("empty", new byte[0]);
    assertThat(backend.get("empty")).hasValueSatisfying(v -> assertThat(v).isEmpty());
  }

  @Test
  void putOverwritesAnEarlierValue() {
    backend.put("k", bytes("one"));
    backend.put("k", bytes("two"));
    assertThat(backend.get("k")).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("two")));
  }

  @Test
  void deleteRemovesTheKey() {
    backend.put("a/k", bytes("v"));
    backend.delete("a/k");
    assertThat(backend.get("a/k")).isEmpty();
    assertThat(backend.list("")).isEmpty();
    assertThat(backend.list("a/")).isEmpty();
  }

  @Test
  void deletingAMissingKeyDoesNothing() {
    backend.put("kept", bytes("v"));
    backend.delete("missing");
    backend.delete("kept/deeper");
    assertThat(backend.get("kept")).isPresent();
  }

  @Test
  void changingAReturnedArrayDoesNotChangeTheStoredValue() {
    backend.put("k", bytes("abc"));
    byte[] first = backend.get("k").orElseThrow();
    first[0] = 'X';
    assertThat(backend.get("k")).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("abc")));
  }

  @Test
  void changingAnArrayAfterPuttingItDoesNotChangeTheStoredValue() {
    byte[] value = bytes("abc");
    backend.put("k", value);
    value[0] = 'X';
    assertThat(backend.get("k")).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("abc")));
  }

  // ---- list --------------------------------------------------------------------------------

  @Test
  void listOfTheRootShowsTopLevelKeysAndFoldersSorted() {
    backend.put("b", bytes("1"));
    backend.put("a/x", bytes("2"));
    backend.put("a/y/z", bytes("3"));
    backend.put("c/d", bytes("4"));
    assertThat(backend.list("")).containsExactly("a/", "b", "c/");
  }

  @Test
  void listShowsOnlyDirectChildrenWithDeeperKeysCollapsedIntoFolders() {
    backend.put("a/b/k1", bytes("1"));
    backend.put("a/b/k2", bytes("2"));
    backend.put("a/b/sub/k3", bytes("3"));
    backend.put("a/b/sub/deeper/k4", bytes("4"));
    backend.put("a/other", bytes("5"));
    assertThat(backend.list("a/b/")).containsExactly("k1", "k2", "sub/");
    assertThat(backend.list("a/b/sub/")).containsExactly("deeper/", "k3");
  }

  @Test
  void aKeyCanBeBothAValueAndAFolder() {
    backend.put("app", bytes("1"));
    backend.put("app/config", bytes("2"));
    assertThat(backend.list("")).containsExactly("app", "app/");
    assertThat(backend.list("app/")).containsExactly("config");
  }

  @Test
  void listDoesNotLeakKeysThatOnlyShareAStringPrefix() {
    backend.put("a/k", bytes("1"));
    backend.put("ab", bytes("2"));
    backend.put("ab/k", bytes("3"));
    backend.put("a-b/k", bytes("4"));
    backend.put("a0", bytes("5"));
    assertThat(backend.list("a/")).containsExactly("k");
    assertThat(backend.list("ab/")).containsExactly("k");
  }

  @Test
  void listOfAMissingOrEmptyFolderIsEmpty() {
    backend.put("x/y", bytes("1"));
    assertThat(backend.list("nothing/")).isEmpty();
    backend.delete("x/y");
    assertThat(backend.list("x/")).isEmpty();
    assertThat(backend.list("")).isEmpty();
  }

  @Test
  void aFolderDisappearsWhenItsLastKeyIsDeletedButStaysWhileOthersRemain() {
    backend.put("f/a/1", bytes("1"));
    backend.put("f/a/2", bytes("2"));
    backend.put("f/b", bytes("3"));
    backend.delete("f/a/1");
    assertThat(backend.list("f/")).containsExactly("a/", "b");
    backend.delete("f/a/2");
    assertThat(backend.list("f/")).containsExactly("b");
  }

  // ---- listPage ----------------------------------------------------------------------------

  @Test
  void listPageReturnsAtMostLimitChildrenAfterTheGivenOne() {
    for (String k : List.of("p/a", "p/b", "p/c/x", "p/d", "p/e")) {
      backend.put(k, bytes("v"));
    }
    assertThat(backend.listPage("p/", "", 2)).containsExactly("a", "b");
    assertThat(backend.listPage("p/", "b", 2)).containsExactly("c/", "d");
    assertThat(backend.listPage("p/", "c/", 10)).containsExactly("d", "e");
    assertThat(backend.listPage("p/", "e", 10)).isEmpty();
  }

  @Test
  void walkingAThousandKeyFolderInPagesSeesEveryKeyExactlyOnce() {
    List<String> expected = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      String name = String.format("k%04d", i);
      expected.add(name);
      keys.add("big/" + name);
    }
    keys.add("big/sub/x");
    keys.add("bigger/not-me");
    expected.add("sub/");
    putAll(keys);

    List<String> seen = new ArrayList<>();
    String after = "";
    int pages = 0;
    while (true) {
      List<String> page = backend.listPage("big/", after, 64);
      if (page.isEmpty()) {
        break;
      }
      assertThat(page.size()).isLessThanOrEqualTo(64);
      seen.addAll(page);
      after = page.get(page.size() - 1);
      pages++;
    }
    assertThat(seen).containsExactlyElementsOf(expected.stream().sorted().toList());
    assertThat(new HashSet<>(seen)).hasSameSizeAs(seen);
    assertThat(pages).isEqualTo(16);
  }

  // ---- transactions ------------------------------------------------------------------------

  @Test
  void writesInATransactionCommitTogether() {
    assumeTrue(backend.transactional());
    backend.transaction(
        tx -> {
          tx.put("t/one", bytes("1"));
          tx.put("t/two", bytes("2"));
          tx.delete("t/none");
          return null;
        });
    assertThat(backend.list("t/")).containsExactly("one", "two");
  }

  @Test
  void aTransactionThatThrowsLeavesNoPartialWrites() {
    assumeTrue(backend.transactional());
    backend.put("t/kept", bytes("old"));
    backend.put("t/removed", bytes("still here"));
    assertThatThrownBy(
            () ->
                backend.transaction(
                    tx -> {
                      tx.put("t/kept", bytes("new"));
                      tx.put("t/kept", bytes("newer"));
                      tx.put("t/added", bytes("x"));
                      tx.put("t/added", bytes("y"));
                      tx.delete("t/removed");
                      throw new IllegalStateException("boom");
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("boom");
    assertThat(backend.get("t/kept"))
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("old")));
    assertThat(backend.get("t/added")).isEmpty();
    assertThat(backend.get("t/removed")).isPresent();
    assertThat(backend.list("t/")).containsExactly("kept", "removed");
  }

  @Test
  void aTransactionReadsItsOwnWrites() {
    assumeTrue(backend.transactional());
    String seen =
        backend.transaction(
            tx -> {
              tx.put("own/a", bytes("mine"));
              tx.delete("own/b");
              String v = new String(tx.get("own/a").orElseThrow(), UTF_8);
              return v + "," + tx.get("own/b").isPresent() + "," + tx.list("own/");
            });
    assertThat(seen).isEqualTo("mine,false,[a]");
  }

  @Test
  void aTransactionReturnsTheWorksResult() {
    assumeTrue(backend.transactional());
    Integer result = backend.transaction(tx -> 42);
    assertThat(result).isEqualTo(42);
  }

  @Test
  void concurrentReadIncrementWriteTransactionsLoseNoUpdate() throws Exception {
    assumeTrue(backend.transactional());
    int perThread = 25;
    backend.put("counter", longBytes(0));
    runConcurrently(
        () -> {
          for (int i = 0; i < perThread; i++) {
            backend.transaction(
                tx -> {
                  long n = ByteBuffer.wrap(tx.get("counter").orElseThrow()).getLong();
                  tx.put("counter", longBytes(n + 1));
                  return null;
                });
          }
          return null;
        });
    long total = ByteBuffer.wrap(backend.get("counter").orElseThrow()).getLong();
    assertThat(total).isEqualTo((long) THREADS * perThread);
  }

  // ---- concurrency -------------------------------------------------------------------------

  @Test
  void concurrentPutsFromSeveralThreadsAllLand() throws Exception {
    int perThread = 25;
    Set<String> expected = new HashSet<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      for (int i = 0; i < perThread; i++) {
        expected.add(String.format("t%d-%03d", thread, i));
      }
    }
    runConcurrentlyIndexed(
        thread -> {
          for (int i = 0; i < perThread; i++) {
            backend.put(String.format("c/t%d-%03d", thread, i), bytes("v" + i));
          }
        });
    assertThat(backend.list("c/")).containsExactlyInAnyOrderElementsOf(expected);
  }

  // ---- helpers -----------------------------------------------------------------------------

  /** Writes many keys, in one transaction when the backend has them (fast on durable stores). */
  protected void putAll(List<String> keys) {
    if (backend.transactional()) {
      backend.transaction(
          tx -> {
            keys.forEach(k -> tx.put(k, bytes(k)));
            return null;
          });
    } else {
      keys.forEach(k -> backend.put(k, bytes(k)));
    }
  }

  /** UTF-8 bytes of {@code s}. */
  protected static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  private static byte[] longBytes(long n) {
    return ByteBuffer.allocate(Long.BYTES).putLong(n).array();
  }

  private void runConcurrently(Callable<Void> task) throws Exception {
    runConcurrentlyIndexed(
        thread -> {
          try {
            task.call();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private void runConcurrentlyIndexed(java.util.function.IntConsumer task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  task.accept(thread);
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
