package dev.coffer.server.core.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.spi.ClientInfo;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.Operation;
import dev.coffer.spi.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ReadAnomalyGuardTest {
  private final MutableClock clock = new MutableClock();
  private final ReadAnomalyGuard guard = new ReadAnomalyGuard(clock);
  private final List<AnomalyEvent> events = new CopyOnWriteArrayList<>();

  {
    guard.addListener(events::add);
  }

  private static ClientInfo token(String accessor, String entity) {
    return new ClientInfo("10.0.0.1", accessor, "app", List.of("default"), entity);
  }

  private void enable(long threshold, long entityThreshold, AnomalyConfig.Action action) {
    guard.configure(
        new AnomalyConfig(true, Duration.ofHours(1), threshold, entityThreshold, action));
  }

  /** How many of {@code attempts} reads are served now. */
  private int served(ClientInfo client, int attempts) {
    int ok = 0;
    for (int i = 0; i < attempts; i++) {
      try {
        guard.admit(Operation.READ, "secret/data/app/db", client);
        ok++;
      } catch (CofferException e) {
        assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(e.errors())
            .containsExactly("read rate for this token exceeded the anomaly threshold");
      }
    }
    return ok;
  }

  @Test
  void aDisabledGuardCountsNothing() {
    assertThat(served(token("acc-1", ""), 5000)).isEqualTo(5000);
    assertThat(guard.tracked()).isZero();
    assertThat(events).isEmpty();
  }

  @Test
  void warnServesEveryReadAndReportsOncePerWindow() {
    enable(10, 0, AnomalyConfig.Action.WARN);

    assertThat(served(token("acc-1", "ent-1"), 10)).isEqualTo(10);
    assertThat(events).isEmpty();
    assertThat(served(token("acc-1", "ent-1"), 50)).isEqualTo(50);

    assertThat(events).hasSize(1);
    AnomalyEvent e = events.get(0);
    assertThat(e.subject()).isEqualTo(AnomalyEvent.Subject.TOKEN_ACCESSOR);
    assertThat(e.tokenAccessor()).isEqualTo("acc-1");
    assertThat(e.entityId()).isEqualTo("ent-1");
    assertThat(e.path()).isEqualTo("secret/data/app/db");
    assertThat(e.count()).isEqualTo(11);
    assertThat(e.threshold()).isEqualTo(10);
    assertThat(e.blocked()).isFalse();
    assertThat(e.describe()).contains("acc-1", "11 reads", "threshold 10", "warned");

    clock.advance(Duration.ofMinutes(61));
    served(token("acc-1", "ent-1"), 11);
    assertThat(events).as("a new window warns again").hasSize(2);
  }

  @Test
  void writesAndUnauthenticatedCallsAreNotCounted() {
    enable(2, 0, AnomalyConfig.Action.BLOCK);

    for (Operation op : List.of(Operation.CREATE, Operation.UPDATE, Operation.DELETE)) {
      for (int i = 0; i < 10; i++) {
        guard.admit(op, "secret/data/a", token("acc-1", ""));
      }
    }
    for (int i = 0; i < 10; i++) {
      guard.admit(Operation.READ, "sys/health", ClientInfo.anonymous());
    }
    assertThat(served(token("acc-1", ""), 2)).isEqualTo(2);
  }

  @Test
  void listsCountAsReads() {
    enable(2, 0, AnomalyConfig.Action.BLOCK);
    guard.admit(Operation.LIST, "secret/metadata/", token("acc-1", ""));
    guard.admit(Operation.LIST, "secret/metadata/", token("acc-1", ""));

    assertThat(served(token("acc-1", ""), 1)).isZero();
  }

  @Test
  void blockRefusesReadsPastTheThresholdUntilTheWindowSlides() {
    enable(5, 0, AnomalyConfig.Action.BLOCK);

    assertThat(served(token("acc-1", ""), 20)).isEqualTo(5);
    assertThat(events).singleElement().extracting(AnomalyEvent::blocked).isEqualTo(true);
    assertThat(served(token("acc-2", ""), 5)).as("other tokens are unaffected").isEqualTo(5);

    clock.advance(Duration.ofMinutes(59));
    assertThat(served(token("acc-1", ""), 1)).isZero();
    clock.advance(Duration.ofMinutes(1));
    assertThat(served(token("acc-1", ""), 20)).as("refused reads were not counted").isEqualTo(5);
  }

  @Test
  void theWindowSlidesBucketByBucket() {
    enable(4, 0, AnomalyConfig.Action.BLOCK);
    served(token("acc-1", ""), 2);
    clock.advance(Duration.ofMinutes(30));
    served(token("acc-1", ""), 2);
    assertThat(served(token("acc-1", ""), 1)).isZero();

    clock.advance(Duration.ofMinutes(30));
    assertThat(served(token("acc-1", ""), 5)).as("the first two slid out").isEqualTo(2);
  }

  @Test
  void theEntityThresholdCountsEveryTokenOfTheEntity() {
    enable(100, 6, AnomalyConfig.Action.BLOCK);

    assertThat(served(token("acc-1", "ent-1"), 3)).isEqualTo(3);
    assertThat(served(token("acc-2", "ent-1"), 3)).isEqualTo(3);
    assertThat(served(token("acc-3", "ent-1"), 3)).isZero();
    assertThat(served(token("acc-4", "ent-2"), 3)).isEqualTo(3);
    assertThat(events)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.subject()).isEqualTo(AnomalyEvent.Subject.ENTITY);
              assertThat(e.entityId()).isEqualTo("ent-1");
              assertThat(e.tokenAccessor()).isEqualTo("acc-3");
            });
  }

  @Test
  void aFailingListenerDoesNotBreakTheRequest() {
    guard.addListener(
        e -> {
          throw new IllegalStateException("listener down");
        });
    enable(1, 0, AnomalyConfig.Action.WARN);

    assertThat(served(token("acc-1", ""), 3)).isEqualTo(3);
    assertThat(events).hasSize(1);
  }

  @Test
  void trackedAccessorsStayUnderTheCapAndIdleOnesAreSwept() {
    ReadAnomalyGuard small = new ReadAnomalyGuard(clock, 50);
    small.configure(
        new AnomalyConfig(true, Duration.ofMinutes(10), 5, 0, AnomalyConfig.Action.WARN));

    for (int i = 0; i < 1_000; i++) {
      small.admit(Operation.READ, "secret/data/x", token("acc-" + i, ""));
      clock.advance(Duration.ofMillis(1));
    }
    assertThat(small.tracked()).isLessThanOrEqualTo(50);

    clock.advance(Duration.ofMinutes(11));
    small.admit(Operation.READ, "secret/data/x", token("fresh", ""));
    assertThat(small.tracked()).isEqualTo(1);
  }

  @Test
  void changingTheConfigStartsCountsAfresh() {
    enable(3, 0, AnomalyConfig.Action.BLOCK);
    assertThat(served(token("acc-1", ""), 5)).isEqualTo(3);

    enable(3, 0, AnomalyConfig.Action.BLOCK);
    assertThat(served(token("acc-1", ""), 5)).isEqualTo(3);
  }
}
