package dev.coffer.server.core.breakglass;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task every interval on one daemon thread, from the first {@link #start()} until {@link
 * #close()} (the core ends break-glass windows with it without anyone acting). A failing run is
 * logged and the next one runs as planned.
 */
public final class ExpirySweeper implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ExpirySweeper.class.getName());

  private final Runnable task;
  private final Duration every;
  private ScheduledExecutorService executor;
  private boolean closed;

  /** A sweeper running {@code task} every {@code every} once started. */
  public ExpirySweeper(Runnable task, Duration every) {
    this.task = task;
    this.every = every;
  }

  /** Starts the schedule; later calls do nothing. */
  public synchronized void start() {
    if (executor != null || closed) {
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "coffer-break-glass-expiry");
              t.setDaemon(true);
              return t;
            });
    executor.scheduleWithFixedDelay(
        this::runOnce, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void runOnce() {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "break-glass expiry sweep failed: " + e.getMessage());
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
