package dev.coffer.server.core.quota;

import dev.coffer.server.core.RequestGuard;
import dev.coffer.server.core.mount.Dispatch;
import dev.coffer.server.core.quota.AnomalyEvent.Subject;
import dev.coffer.spi.ClientInfo;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.Operation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The read-rate anomaly guard: counts each token accessor's and each entity's reads ({@code READ}
 * and {@code LIST}) over a sliding window. Above the threshold it logs a warning and tells the
 * {@link AnomalyListener}s once per window, and with {@link AnomalyConfig.Action#BLOCK} refuses the
 * read with 429. Refused reads are not counted, so a blocked token is served again as soon as its
 * served reads in the window fall under the threshold.
 *
 * <p>Lock-free on the hot path (concurrent maps and atomic buckets); under heavy concurrency a few
 * reads past the threshold may slip through. Changing the config starts every count afresh.
 */
public final class ReadAnomalyGuard implements RequestGuard {
  /** Accessors (and, separately, entities) tracked before the least recently used are evicted. */
  static final int DEFAULT_MAX_TRACKED = 100_000;

  static final String BLOCKED_MESSAGE = "read rate for this token exceeded the anomaly threshold";

  private static final System.Logger LOG = System.getLogger(ReadAnomalyGuard.class.getName());

  private final Clock clock;
  private final int maxTracked;
  private final List<AnomalyListener> listeners = new CopyOnWriteArrayList<>();
  private volatile Tracking tracking;

  /** A guard with the default (disabled) config, timed by {@code clock}. */
  public ReadAnomalyGuard(Clock clock) {
    this(clock, DEFAULT_MAX_TRACKED);
  }

  ReadAnomalyGuard(Clock clock, int maxTracked) {
    this.clock = clock;
    this.maxTracked = maxTracked;
    configure(AnomalyConfig.DEFAULT);
  }

  private record Tracking(AnomalyConfig config, ReadCounters accessors, ReadCounters entities) {}

  /** Registers a listener (e.g. the audit broker). */
  public void addListener(AnomalyListener listener) {
    listeners.add(listener);
  }

  /** Applies a new config; every count starts afresh. */
  void configure(AnomalyConfig config) {
    long now = clock.millis();
    tracking =
        new Tracking(
            config,
            new ReadCounters(config.window(), maxTracked, now),
            new ReadCounters(config.window(), maxTracked, now));
  }

  AnomalyConfig config() {
    return tracking.config();
  }

  /** Keys tracked, accessors plus entities (for tests of the memory bound). */
  int tracked() {
    Tracking t = tracking;
    return t.accessors().size() + t.entities().size();
  }

  @Override
  public void admit(Dispatch.Resolved request) {
    admit(request.operation(), request.fullPath(), request.request().client());
  }

  /**
   * Counts a read, or refuses it.
   *
   * @throws CofferException 429 with action {@code block} above a threshold
   */
  void admit(Operation operation, String path, ClientInfo client) {
    Tracking t = tracking;
    AnomalyConfig c = t.config();
    if (!c.enabled() || (operation != Operation.READ && operation != Operation.LIST)) {
      return;
    }
    String accessor = client.tokenAccessor();
    String entity = client.entityId();
    boolean byEntity = !entity.isEmpty() && c.entityThreshold() > 0;
    if (accessor.isEmpty() && !byEntity) {
      return;
    }
    long now = clock.millis();
    ReadCounters.Tracked tokenReads =
        accessor.isEmpty() ? null : t.accessors().counter(accessor, now);
    ReadCounters.Tracked entityReads = byEntity ? t.entities().counter(entity, now) : null;
    long tokenCount = tokenReads == null ? 0 : tokenReads.reads.total(now) + 1;
    long entityCount = entityReads == null ? 0 : entityReads.reads.total(now) + 1;
    boolean tokenOver = tokenReads != null && tokenCount > c.threshold();
    boolean entityOver = entityReads != null && entityCount > c.entityThreshold();
    boolean block = (tokenOver || entityOver) && c.action() == AnomalyConfig.Action.BLOCK;
    Read read = tokenOver || entityOver ? new Read(now, path, client, c.window()) : null;
    if (tokenOver) {
      report(tokenReads, read.event(Subject.TOKEN_ACCESSOR, tokenCount, c.threshold(), block));
    }
    if (entityOver) {
      report(entityReads, read.event(Subject.ENTITY, entityCount, c.entityThreshold(), block));
    }
    if (block) {
      throw new CofferException(ErrorCode.RATE_LIMITED, BLOCKED_MESSAGE);
    }
    if (tokenReads != null) {
      tokenReads.reads.add(now);
    }
    if (entityReads != null) {
      entityReads.reads.add(now);
    }
  }

  /** The read being admitted, for building events. */
  private record Read(long now, String path, ClientInfo client, Duration window) {
    AnomalyEvent event(Subject subject, long count, long threshold, boolean blocked) {
      return new AnomalyEvent(
          Instant.ofEpochMilli(now),
          subject,
          client.tokenAccessor(),
          client.entityId(),
          path,
          count,
          threshold,
          window,
          blocked);
    }
  }

  /** Logs and announces {@code event} if it is the first for {@code reads} in this window. */
  private void report(ReadCounters.Tracked reads, AnomalyEvent event) {
    if (!reads.claimWarning(event.time().toEpochMilli(), event.window().toMillis())) {
      return;
    }
    LOG.log(System.Logger.Level.WARNING, event.describe());
    for (AnomalyListener l : listeners) {
      try {
        l.anomaly(event);
      } catch (RuntimeException e) {
        LOG.log(
            System.Logger.Level.ERROR,
            "anomaly listener " + l.getClass().getName() + " failed: " + e.getClass().getName());
      }
    }
  }
}
