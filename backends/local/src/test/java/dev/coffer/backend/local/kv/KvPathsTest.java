package dev.coffer.backend.local.kv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.spi.ErrorCode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KvPathsTest extends KvV2TestBase {

  @Test
  void everyV2PathRefusesTraversalSegmentsWith400() {
    List<Runnable> calls =
        List.of(
            () -> kv.read("data/a/../b"),
            () -> kv.write("data/./b", Map.of("data", Map.of("a", "b"))),
            () -> kv.patch("data/a//b", Map.of("data", Map.of("a", "b"))),
            () -> kv.delete("data/.."),
            () -> kv.read("metadata/a/.."),
            () -> kv.list("metadata/../x"),
            () -> kv.write("delete/../x", Map.of("versions", List.of(1))),
            () -> kv.write("undelete/../x", Map.of("versions", List.of(1))),
            () -> kv.write("destroy/../x", Map.of("versions", List.of(1))),
            () -> kv.read("subkeys/x/.."));
    for (Runnable call : calls) {
      assertThat(failure(call::run).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    }
    assertThat(storage.keys()).isEmpty();
  }

  @Test
  void timesArePrintedAsRfc3339InUtcWithTrimmedNanoseconds() {
    assertThat(KvTime.format(Instant.parse("2018-03-22T02:24:06.945319214Z")))
        .isEqualTo("2018-03-22T02:24:06.945319214Z");
    assertThat(KvTime.format(Instant.parse("2018-03-22T02:24:06.100Z")))
        .isEqualTo("2018-03-22T02:24:06.1Z");
    assertThat(KvTime.format(Instant.parse("2018-03-22T02:24:06Z")))
        .isEqualTo("2018-03-22T02:24:06Z");
    assertThat(KvTime.format(Instant.parse("2018-03-22T02:24:06.000000050Z")))
        .isEqualTo("2018-03-22T02:24:06.00000005Z");
    assertThat(KvTime.format(null)).isEmpty();
  }

  @Test
  void mergePatchFollowsRfc7396() {
    assertThat(JsonMergePatch.apply(Map.of("a", "b"), Map.of("a", "c")))
        .isEqualTo(Map.of("a", "c"));
    assertThat(JsonMergePatch.apply(Map.of("a", "b"), Map.of("b", "c")))
        .isEqualTo(Map.of("a", "b", "b", "c"));
    assertThat(JsonMergePatch.apply(Map.of("a", List.of(1)), Map.of("a", List.of(2))))
        .isEqualTo(Map.of("a", List.of(2)));
    assertThat(JsonMergePatch.apply("scalar", Map.of("a", "b"))).isEqualTo(Map.of("a", "b"));
    assertThat(JsonMergePatch.apply(Map.of("a", "b"), "x")).isEqualTo("x");
  }
}
