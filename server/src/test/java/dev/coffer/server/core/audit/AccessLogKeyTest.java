package dev.coffer.server.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AccessLogKeyTest {
  @Test
  void keysAreTheReversedNanosZeroPaddedThenTheRequestIdWithOddCharactersReplaced() {
    Instant t = Instant.ofEpochSecond(1_764_683_435L, 980_710_135);
    long reversed = Long.MAX_VALUE - (1_764_683_435L * 1_000_000_000L + 980_710_135L);

    assertThat(AccessLog.key(t, "ab-12/x y"))
        .isEqualTo(String.format("%019d", reversed) + "-ab-12_x_y");
    assertThat(AccessLog.key(t, "")).isEqualTo(String.format("%019d", reversed) + "-none");
    assertThat(AccessLog.key(Instant.ofEpochSecond(0), "r")).isEqualTo(Long.MAX_VALUE + "-r");
  }

  @Test
  void laterRecordsSortFirst() {
    Instant t = Instant.parse("2026-12-02T13:00:00Z");
    assertThat(AccessLog.key(t.plusNanos(1), "a")).isLessThan(AccessLog.key(t, "a"));
  }
}
