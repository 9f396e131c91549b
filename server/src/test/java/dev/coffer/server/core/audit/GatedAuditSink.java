package dev.coffer.server.core.audit;

import dev.coffer.spi.AuditSink;
import dev.coffer.spi.AuditSinkFactory;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An audit sink written line by line (like the http and stdout sinks) that a test steers by the
 * {@code id} of an entry: the writer of the line with the held id waits inside the sink, holding
 * the device's lock, until {@link #release()}; the line with the refused id fails. It keeps every
 * line it was offered and every line it recorded.
 */
final class GatedAuditSink implements AuditSink {
  private static final long WAIT_SECONDS = 30;

  private final String heldId;
  private final String refusedId;
  private final CountDownLatch holding = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);
  private final List<String> offered = new CopyOnWriteArrayList<>();
  private final List<String> recorded = new CopyOnWriteArrayList<>();

  GatedAuditSink(String heldId, String refusedId) {
    this.heldId = heldId;
    this.refusedId = refusedId;
  }

  @Override
  public void write(String entry) throws IOException {
    offered.add(entry);
    if (hasId(entry, heldId)) {
      holding.countDown();
      await(released, "the held line was never released");
    }
    if (hasId(entry, refusedId)) {
      throw new IOException("the collector refused the line");
    }
    recorded.add(entry);
  }

  /** A factory that hands out this sink. */
  AuditSinkFactory factory() {
    return new AuditSinkFactory() {
      @Override
      public String type() {
        return "gated";
      }

      @Override
      public AuditSink create(Map<String, String> options) {
        return GatedAuditSink.this;
      }
    };
  }

  /** Waits until the writer of the held line is inside the sink. */
  void awaitHolding() throws IOException {
    await(holding, "no writer reached the held line");
  }

  /** Lets the writer of the held line go on. */
  void release() {
    released.countDown();
  }

  /** Every line the device tried to write, in order. */
  List<String> offered() {
    return List.copyOf(offered);
  }

  /** The lines written successfully, in order. */
  List<String> recorded() {
    return List.copyOf(recorded);
  }

  static boolean hasId(String line, String id) {
    return line.contains("\"id\":\"" + id + "\"");
  }

  private static void await(CountDownLatch latch, String timeoutMessage) throws IOException {
    try {
      if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException(timeoutMessage);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException(timeoutMessage);
    }
  }
}
