package dev.coffer.server.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.server.core.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A sink written line by line that fails part-way through a group of queued lines: the lines before
 * the failure count as written, the failing line and those after it do not, and the chain stays at
 * the last line that went out, so lines written after a recovery continue it unbroken.
 *
 * <p>The group is made deterministic: the first writer holds the device's lock inside the sink
 * while three more writers queue their lines behind it, so the next holder of the lock writes all
 * three in one group.
 */
class AuditDeviceGroupedWriteFailureTest {
  private static final int GROUP = 3;
  private static final long WAIT_SECONDS = 30;

  @TempDir Path dir;

  @ParameterizedTest(name = "the line at position {0} of the group fails")
  @ValueSource(ints = {1, 2, 3})
  @Timeout(120)
  void aSinkWrittenLineByLineThatFailsInsideAGroupLeavesTheChainAtTheLastLineRecorded(int refusedAt)
      throws Exception {
    GatedAuditSink sink = new GatedAuditSink("holder", queuedId(refusedAt));
    AuditDeviceConfig config =
        new AuditDeviceConfig("gated/", "gated", "", Map.of(), AuditHasherTest.salt(9));
    try (AuditDevice device = new AuditDevice(config, sink.factory(), Clock.systemUTC())) {
      device.open(); // writes the chain header

      CompletableFuture<Boolean> holder = startWriter(device, "holder");
      sink.awaitHolding();
      List<CompletableFuture<Boolean>> queued = new ArrayList<>();
      for (int i = 1; i <= GROUP; i++) {
        queued.add(startWriter(device, queuedId(i)));
        awaitQueuedLines(device, i);
      }
      sink.release();

      assertThat(holder.get(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
      for (int i = 1; i <= GROUP; i++) {
        assertThat(queued.get(i - 1).get(WAIT_SECONDS, TimeUnit.SECONDS))
            .as("the writer of %s", queuedId(i))
            .isEqualTo(i < refusedAt);
      }
      assertThat(device.failure()).hasValue("IOException: the collector refused the line");

      List<String> attempted = new ArrayList<>(List.of("header", "holder"));
      for (int i = 1; i <= refusedAt; i++) {
        attempted.add(queuedId(i));
      }
      assertThat(labels(sink.offered()))
          .as("the device stops at the failing line")
          .containsExactlyElementsOf(attempted);

      assertThat(device.write(Map.of("type", "request", "id", "after-recovery"))).isTrue();
      assertThat(device.failure()).isEmpty();
    }

    List<String> recorded = sink.recorded();
    List<String> expected = new ArrayList<>(List.of("header", "holder"));
    for (int i = 1; i < refusedAt; i++) {
      expected.add(queuedId(i));
    }
    expected.add("after-recovery");
    assertThat(labels(recorded)).containsExactlyElementsOf(expected);

    Path received = dir.resolve("received.log");
    Files.writeString(received, String.join("\n", recorded) + "\n", StandardCharsets.UTF_8);
    AuditChainVerifier.Result r = AuditChainVerifier.verify(List.of(received));
    assertThat(r.intact()).as(r.message()).isTrue();
    assertThat(r.entries()).isEqualTo(expected.size());
  }

  private static String queuedId(int position) {
    return "queued-" + position;
  }

  /** Starts a thread that writes one entry with {@code id}; completes with what write answered. */
  private static CompletableFuture<Boolean> startWriter(AuditDevice device, String id) {
    CompletableFuture<Boolean> result = new CompletableFuture<>();
    Thread writer =
        new Thread(
            () -> {
              try {
                result.complete(device.write(Map.of("type", "request", "id", id)));
              } catch (Throwable e) {
                result.completeExceptionally(e);
              }
            },
            "audit-writer-" + id);
    writer.setDaemon(true);
    writer.start();
    return result;
  }

  /** Waits until {@code n} lines wait for the lock, so they are queued in the order started. */
  private static void awaitQueuedLines(AuditDevice device, int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (device.queuedLines() < n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("only " + device.queuedLines() + " of " + n + " lines queued");
      }
      Thread.sleep(1);
    }
  }

  /** Each line's {@code id}, or {@code header} for a chain header. */
  private static List<String> labels(List<String> lines) {
    List<String> labels = new ArrayList<>();
    for (String line : lines) {
      Map<String, Object> entry = Json.read(line.getBytes(StandardCharsets.UTF_8));
      labels.add(
          AuditChain.HEADER_TYPE.equals(entry.get("type")) ? "header" : (String) entry.get("id"));
    }
    return labels;
  }
}
