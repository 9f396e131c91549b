package dev.coffer.server.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantTest {
  @Test
  void everyInstantReadsBackAsWhatToStringWrote() {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 20_000; i++) {
      long seconds = random.nextLong(-62_000_000_000L, 250_000_000_000L);
      int nanos =
          switch (i % 4) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1000;
            default -> random.nextInt(1_000_000_000);
          };
      Instant instant = Instant.ofEpochSecond(seconds, nanos);
      assertThat(IsoInstant.parse(instant.toString())).isEqualTo(instant);
    }
  }

  @Test
  void shortFractionsLeapDaysAndOffsetsReadAsInstantParseReadsThem() {
    for (String text :
        new String[] {
          "2024-02-29T23:59:59Z",
          "2026-12-02T13:50:35.9Z",
          "2026-12-02T13:50:35.98Z",
          "1970-01-01T00:00:00Z",
          "2026-12-02T13:50:35+01:00",
          "+12026-12-02T13:50:35Z"
        }) {
      assertThat(IsoInstant.parse(text)).isEqualTo(Instant.parse(text));
    }
  }

  @Test
  void otherTextsAreLeftToInstantParseWhichAcceptsOrRefusesThem() {
    assertThat(IsoInstant.parse("2026-12-02T13:50:35.Z"))
        .isEqualTo(Instant.parse("2026-12-02T13:50:35.Z"));
    assertThat(IsoInstant.parse("2026-12-02T24:00:00Z"))
        .isEqualTo(Instant.parse("2026-12-02T24:00:00Z"));
  }

  @Test
  void invalidTextsFailAsInstantParseFails() {
    for (String text :
        new String[] {
          "2023-02-29T00:00:00Z",
          "2026-13-02T13:50:35Z",
          "2026-12-02T13:60:00Z",
          "2026-12-02T13:50:35.1234567890Z",
          "2026-12-0xT13:50:35Z",
          "yesterday"
        }) {
      assertThatThrownBy(() -> IsoInstant.parse(text)).isInstanceOf(DateTimeParseException.class);
    }
  }
}
