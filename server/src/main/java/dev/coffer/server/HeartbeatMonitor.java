package dev.coffer.server;

import dev.coffer.config.HeartbeatConfig;
import dev.coffer.server.core.RedactedUrl;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The killswitch's dead-man heartbeat: asks the configured URL every interval and, when {@code
 * failures} checks in a row get no 2xx answer within the timeout, fires the killswitch once. It
 * re-arms when the endpoint answers again, so one outage fires it once.
 */
final class HeartbeatMonitor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HeartbeatMonitor.class);

  /** What firing does: the killswitch with the heartbeat's {@code rotate} and {@code seal}. */
  @FunctionalInterface
  interface Trigger {
    void fire(boolean rotate, boolean seal);
  }

  private final HeartbeatConfig config;
  private final Trigger trigger;
  private final HttpClient http;
  private final ScheduledExecutorService timer;
  private int consecutiveFailures;
  private boolean fired;

  /** A monitor that checks only when {@link #check()} is called (tests); see {@link #start}. */
  HeartbeatMonitor(HeartbeatConfig config, Trigger trigger) {
    this.config = config;
    this.trigger = trigger;
    this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "coffer-heartbeat");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts checking {@code config.url()} every interval. */
  static HeartbeatMonitor start(HeartbeatConfig config, Trigger trigger) {
    HeartbeatMonitor m = new HeartbeatMonitor(config, trigger);
    long every = config.interval().toMillis();
    m.timer.scheduleWithFixedDelay(m::checkSafely, every, every, TimeUnit.MILLISECONDS);
    LOG.info(
        "killswitch heartbeat: checking {} every {} ms; fires after {} failed checks",
        RedactedUrl.of(config.url().toString()),
        every,
        config.failures());
    return m;
  }

  /**
   * One check; fires the killswitch when the failure count reaches the limit.
   *
   * @throws RuntimeException what firing threw; the next failed check fires again
   */
  synchronized void check() {
    if (alive()) {
      if (fired) {
        LOG.warn(
            "killswitch heartbeat: {} answers again; re-armed",
            RedactedUrl.of(config.url().toString()));
      }
      consecutiveFailures = 0;
      fired = false;
      return;
    }
    consecutiveFailures++;
    LOG.warn(
        "killswitch heartbeat: {} did not answer ({} of {})",
        RedactedUrl.of(config.url().toString()),
        consecutiveFailures,
        config.failures());
    if (consecutiveFailures >= config.failures() && !fired) {
      LOG.error("killswitch heartbeat: firing the killswitch");
      // Counts as fired only once it went through: a killswitch that could not fire (e.g. while
      // the server is sealed) is tried again on the next failed check.
      trigger.fire(config.rotate(), config.seal());
      fired = true;
    }
  }

  private void checkSafely() {
    try {
      check();
    } catch (RuntimeException e) {
      // A failed killswitch is logged by the killswitch itself; the monitor keeps running.
      LOG.error("killswitch heartbeat: firing failed: {}", e.getMessage());
    }
  }

  private boolean alive() {
    HttpRequest request =
        HttpRequest.newBuilder(config.url()).timeout(config.timeout()).GET().build();
    try {
      int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      return status >= 200 && status < 300;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
