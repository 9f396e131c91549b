package dev.coffer.spi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.coffer.spi.AuditSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link AuditSink} must show. Extend it, implement {@link #newSink()} and
 * {@link #writtenLines()} (read back what the sink recorded, e.g. the lines of its file); each test
 * gets a fresh sink. {@link #writtenLines()} is called after the sink was closed.
 */
public abstract class AuditSinkContract {
  /** Threads used by the concurrency test. */
  protected static final int THREADS = 4;

  /** The sink under test, fresh for each test. */
  protected AuditSink sink;

  /** A new sink recording to a fresh, empty place; called once before each test. */
  protected abstract AuditSink newSink() throws Exception;

  /** Every line the sink under test recorded, in order, without line breaks. */
  protected abstract List<String> writtenLines() throws Exception;

  @BeforeEach
  void openSink() throws Exception {
    sink = newSink();
  }

  @AfterEach
  void closeSink() throws Exception {
    if (sink != null) {
      sink.close();
    }
  }

  @Test
  void entriesAreRecordedAsLinesInTheOrderWritten() throws Exception {
    List<String> entries = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      entries.add("{\"type\":\"request\",\"n\":" + i + "}");
    }
    for (String e : entries) {
      sink.write(e);
    }
    sink.close();
    assertThat(writtenLines()).containsExactlyElementsOf(entries);
  }

  @Test
  void unicodeQuotesAndBackslashesSurviveUnchanged() throws Exception {
    String entry =
        "{\"path\":\"secret/caf\u00e9/\u2603\",\"note\":\"a \\\"quoted\\\" \\\\ value\"}";
    sink.write(entry);
    sink.close();
    assertThat(writtenLines()).containsExactly(entry);
  }

  @Test
  void concurrentWritesAreRecordedWholeAndInOrderPerThread() throws Exception {
    int perThread = 50;
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
                  for (int i = 0; i < perThread; i++) {
                    sink.write("{\"thread\":" + thread + ",\"n\":" + i + "}");
                  }
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
    sink.close();
    List<String> lines = writtenLines();
    assertThat(lines).hasSize(THREADS * perThread);
    for (int t = 0; t < THREADS; t++) {
      String prefix = "{\"thread\":" + t + ",";
      List<String> ofThread = lines.stream().filter(l -> l.startsWith(prefix)).toList();
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < perThread; i++) {
        expected.add(prefix + "\"n\":" + i + "}");
      }
      assertThat(ofThread).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void closingTheSinkTwiceIsHarmless() throws Exception {
    sink.write("{\"n\":1}");
    sink.close();
    assertThatCode(sink::close).doesNotThrowAnyException();
  }
}
