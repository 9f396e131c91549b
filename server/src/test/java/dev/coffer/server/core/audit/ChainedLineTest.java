package dev.coffer.server.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.server.core.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChainedLineTest {
  private static final String HASH = "ab".repeat(32);

  private static byte[] encodedWhole(Map<String, Object> entry, long seq) {
    Map<String, Object> line = new LinkedHashMap<>(entry);
    line.put("seq", seq);
    line.put("prev_hash", HASH);
    return Json.write(line);
  }

  @Test
  void aSplicedLineIsByteForByteTheLineEncodedWithTheChainFields() {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("type", "response");
    entry.put("auth", Map.of("policies", List.of("root"), "accessor", "hmac-sha256:x"));
    entry.put("request", Map.of("path", "secret/data/ünïcode \"quoted\"", "data", Map.of()));
    entry.put("error", "");
    entry.put("nothing", null);

    for (Map<String, Object> e : List.<Map<String, Object>>of(entry, Map.of(), Map.of("a", 1))) {
      assertThat(ChainedLine.splice(Json.write(e), 42, HASH)).isEqualTo(encodedWhole(e, 42));
    }
  }

  @Test
  void entriesHoldingTheChainFieldsAreNotSplicedAndOtherTextIsRefused() {
    assertThat(ChainedLine.canSplice(Map.of("seq", 1))).isFalse();
    assertThat(ChainedLine.canSplice(Map.of("prev_hash", "x"))).isFalse();
    assertThat(ChainedLine.canSplice(Map.of("type", "request"))).isTrue();
    assertThatThrownBy(() -> ChainedLine.splice("[1]".getBytes(), 1, HASH))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
