package dev.coffer.server;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How long each phase of start-up took (plugins, storage, seal, unseal, HTTP), logged as one line
 * once the server listens, so a slow start shows where its time went.
 */
final class StartupPhases {
  private final List<String> done = new ArrayList<>();
  private final Instant created = Instant.now();
  private long phaseStart = System.nanoTime();

  /** Ends the current phase under {@code name} and starts the next. */
  void end(String name) {
    long now = System.nanoTime();
    done.add(name + " " + Duration.ofNanos(now - phaseStart).toMillis() + " ms");
    phaseStart = now;
  }

  /**
   * The phases so far, and, when the platform knows when the process started, the total since then
   * and the time before the first phase (JVM start, command line, configuration).
   */
  String summary() {
    String phases = String.join(", ", done);
    Optional<Instant> started = ProcessHandle.current().info().startInstant();
    return started
        .map(
            s ->
                Duration.between(s, Instant.now()).toMillis()
                    + " ms after the process started (JVM and configuration "
                    + Duration.between(s, created).toMillis()
                    + " ms, "
                    + phases
                    + ")")
        .orElse("(" + phases + ")");
  }
}
