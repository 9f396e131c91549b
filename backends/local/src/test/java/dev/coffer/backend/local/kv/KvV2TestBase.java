package dev.coffer.backend.local.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.Response;
import dev.coffer.spi.testkit.EngineHarness;
import dev.coffer.spi.testkit.InMemoryStorage;
import dev.coffer.spi.testkit.MutableClock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** A KV v2 engine mounted at {@code secret/} over in-memory storage and a test clock. */
abstract class KvV2TestBase {
  static final Instant START = Instant.parse("2018-03-22T02:24:06.945319214Z");
  static final String START_TEXT = "2018-03-22T02:24:06.945319214Z";

  final InMemoryStorage storage = new InMemoryStorage();
  final MutableClock clock = new MutableClock(START);
  final EngineHarness kv =
      new EngineHarness(
          new KvEngineFactory()
              .create(
                  new TestMountContext("secret/", "kv", Map.of("version", "2"), storage, clock)),
          "secret/");

  /** Writes {@code data} to {@code data/<path>} and answers the version metadata. */
  Map<String, Object> put(String path, Map<String, Object> data) {
    return kv.write("data/" + path, Map.of("data", data)).data();
  }

  Map<String, Object> putWithCas(String path, Map<String, Object> data, Object cas) {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("cas", cas);
    return kv.write("data/" + path, Map.of("data", data, "options", options)).data();
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> secretData(Response r) {
    return (Map<String, Object>) r.data().get("data");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> metadataOf(Map<String, Object> data) {
    return (Map<String, Object>) data.get("metadata");
  }

  /** The version numbers {@code GET metadata/<path>} lists. */
  @SuppressWarnings("unchecked")
  java.util.Set<String> versionNumbers(String path) {
    return ((Map<String, Object>) metadata(path).get("versions")).keySet();
  }

  /** One version's entry in {@code GET metadata/<path>}. */
  @SuppressWarnings("unchecked")
  Map<String, Object> versionEntry(String path, String version) {
    return (Map<String, Object>)
        ((Map<String, Object>) metadata(path).get("versions")).get(version);
  }

  Map<String, Object> metadata(String path) {
    return kv.read("metadata/" + path).data();
  }

  static CofferException failure(ThrowingCallable call) {
    CofferException e = catchThrowableOfType(CofferException.class, call);
    assertThat(e).as("expected a CofferException").isNotNull();
    return e;
  }

  static CofferException badRequest(ThrowingCallable call, String message) {
    CofferException e = failure(call);
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e.errors()).containsExactly(message);
    return e;
  }

  static CofferException notFound(ThrowingCallable call) {
    CofferException e = failure(call);
    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(e.errors()).isEmpty();
    return e;
  }
}
