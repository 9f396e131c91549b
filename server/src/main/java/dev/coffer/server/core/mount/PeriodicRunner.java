package dev.coffer.server.core.mount;

import java.time.Clock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Calls every running engine's {@code periodic(now)}, one mount after another; a second run that
 * starts while one is under way skips, so no mount's periodic work ever runs twice at once. A
 * failing engine is logged and does not stop the others.
 */
public final class PeriodicRunner implements Runnable {
  private static final System.Logger LOG = System.getLogger(PeriodicRunner.class.getName());

  private final Mounts mounts;
  private final Clock clock;
  private final ReentrantLock running = new ReentrantLock();

  /** A runner over the mounts of {@code mounts}. */
  public PeriodicRunner(Mounts mounts, Clock clock) {
    this.mounts = mounts;
    this.clock = clock;
  }

  @Override
  public void run() {
    if (!running.tryLock()) {
      return;
    }
    try {
      for (MountedEngine m : mounts.running()) {
        m.engine()
            .ifPresent(
                engine -> {
                  try {
                    engine.periodic(clock.instant());
                  } catch (RuntimeException e) {
                    LOG.log(
                        System.Logger.Level.WARNING,
                        "periodic work of mount "
                            + m.entry().path()
                            + " failed: "
                            + e.getClass().getSimpleName());
                  }
                });
      }
    } finally {
      running.unlock();
    }
  }
}
