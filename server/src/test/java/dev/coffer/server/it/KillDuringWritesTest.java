package dev.coffer.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.server.it.VaultApi.Answer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kill -9} in the middle of a write loop loses no write that was acknowledged. */
class KillDuringWritesTest {
  private static final int WRITERS = 4;
  private static final int ACKS_BEFORE_KILL = 300;

  @TempDir Path dir;

  @Test
  void everyAcknowledgedWriteSurvivesAKill9() throws Exception {
    Process first = startServer();
    int port = awaitReady(first);
    String token = Files.readString(dir.resolve("root-token")).trim();
    VaultApi api = new VaultApi("http://127.0.0.1:" + port, token);

    ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      Thread t =
          new Thread(
              () -> {
                for (int i = 0; !stop.get(); i++) {
                  String key = "w" + writer + "-" + i;
                  try {
                    Answer a = api.post("secret/data/crash/" + key, "{\"data\":{\"i\":" + i + "}}");
                    if (a.status() == 200) {
                      acknowledged.add(key);
                    }
                  } catch (RuntimeException connectionGone) {
                    return;
                  }
                }
              });
      t.start();
      writers.add(t);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (acknowledged.size() < ACKS_BEFORE_KILL && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    first.destroyForcibly();
    first.waitFor(30, TimeUnit.SECONDS);
    stop.set(true);
    for (Thread t : writers) {
      t.join(30_000);
    }
    assertThat(acknowledged.size()).isGreaterThanOrEqualTo(ACKS_BEFORE_KILL);

    Process second = startServer();
    try {
      VaultApi after = new VaultApi("http://127.0.0.1:" + awaitReady(second), token);
      List<String> lost = new ArrayList<>();
      for (String key : acknowledged) {
        if (after.get("secret/data/crash/" + key).status() != 200) {
          lost.add(key);
        }
      }
      assertThat(lost).as("acknowledged writes lost after kill -9").isEmpty();
    } finally {
      second.destroyForcibly();
      second.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private Process startServer() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            ServerProcessMain.class.getName(),
            dir.toString())
        .redirectErrorStream(true)
        .start();
  }

  private static int awaitReady(Process p) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("READY ")) {
        Thread drain =
            new Thread(
                () -> {
                  try {
                    while (out.readLine() != null) {
                      // keep the pipe from filling up
                    }
                  } catch (java.io.IOException ignored) {
                    // process ended
                  }
                });
        drain.setDaemon(true);
        drain.start();
        return Integer.parseInt(line.substring(6).trim());
      }
      seen.append(line).append('\n');
    }
    throw new IllegalStateException("server process ended before it was ready:\n" + seen);
  }
}
