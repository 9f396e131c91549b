package dev.coffer.server.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.server.core.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParsedTokenEntriesTest {
  private static TokenEntry entry(long numUses) {
    Instant t = Instant.parse("2026-12-02T13:50:35.980710135Z");
    return new TokenEntry(
        "acc",
        List.of("default"),
        Map.of(),
        "token",
        numUses,
        t,
        600,
        t.plusSeconds(600),
        0,
        0,
        true,
        "",
        "auth/token/create",
        "",
        "",
        List.of(),
        null);
  }

  @Test
  void theSameStoredBytesGiveTheSameEntryWithoutParsingAgain() {
    ParsedTokenEntries parsed = new ParsedTokenEntries();
    byte[] json = Json.write(entry(0).toJson());

    TokenEntry first = parsed.parse("h", json);
    TokenEntry second = parsed.parse("h", json.clone());

    assertThat(first).isEqualTo(entry(0));
    assertThat(second).isSameAs(first);
  }

  @Test
  void changedStoredBytesAreParsedAfresh() {
    ParsedTokenEntries parsed = new ParsedTokenEntries();
    parsed.parse("h", Json.write(entry(0).toJson()));

    assertThat(parsed.parse("h", Json.write(entry(3).toJson())).numUses()).isEqualTo(3);
  }

  @Test
  void theBytesKeptAreACopySoACallerChangingItsArrayCannotFoolTheComparison() {
    ParsedTokenEntries parsed = new ParsedTokenEntries();
    byte[] json = Json.write(entry(0).toJson());
    parsed.parse("h", json);
    byte[] changed = Json.write(entry(5).toJson());
    System.arraycopy(changed, 0, json, 0, Math.min(json.length, changed.length));

    assertThat(parsed.parse("h", changed).numUses()).isEqualTo(5);
  }

  @Test
  void clearingForgetsEveryEntrySoTheNextReadParsesAgain() {
    ParsedTokenEntries parsed = new ParsedTokenEntries();
    byte[] json = Json.write(entry(0).toJson());
    TokenEntry first = parsed.parse("h", json);

    parsed.clear();

    assertThat(parsed.parse("h", json)).isEqualTo(first).isNotSameAs(first);
  }
}
