package dev.coffer.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.backend.local.LocalPlugin;
import dev.coffer.server.core.seal.ShamirSeal;
import dev.coffer.server.core.seal.StaticSeal;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.StorageBackend;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds cores and requests for tests. */
final class CoreTesting {
  static final byte[] STATIC_KEY = new byte[32];

  static {
    for (int i = 0; i < 32; i++) {
      STATIC_KEY[i] = (byte) (i * 7 + 1);
    }
  }

  private CoreTesting() {}

  static PluginRegistry registry() {
    return PluginRegistry.of(List.of(new CorePlugin(), new LocalPlugin(), new MemoEnginePlugin()));
  }

  static Core shamirCore(StorageBackend backend) {
    Core core = new Core(backend, new ShamirSeal(), registry(), Clock.systemUTC());
    core.start();
    return core;
  }

  static Core staticCore(StorageBackend backend) {
    Core core = new Core(backend, new StaticSeal(STATIC_KEY), registry(), Clock.systemUTC());
    core.start();
    return core;
  }

  static Core staticCoreUnstarted(StorageBackend backend) {
    return new Core(backend, new StaticSeal(STATIC_KEY), registry(), Clock.systemUTC());
  }

  static CoreRequest request(RequestMethod method, String path, String token) {
    return request(method, path, token, Map.of());
  }

  static CoreRequest request(
      RequestMethod method, String path, String token, Map<String, Object> data) {
    return new CoreRequest(UUID.randomUUID().toString(), method, path, data, token, "127.0.0.1");
  }

  static Map<String, Object> raw(CoreResult result, int status) {
    assertThat(result).isInstanceOf(CoreResult.Raw.class);
    CoreResult.Raw raw = (CoreResult.Raw) result;
    assertThat(raw.status()).as("status of %s", raw.body()).isEqualTo(status);
    return raw.body();
  }

  static Map<String, Object> ok(CoreResult result) {
    if (result instanceof CoreResult.Failed f) {
      throw new AssertionError(
          "expected success, got " + f.error().code() + " " + f.error().errors());
    }
    assertThat(result).isInstanceOf(CoreResult.Ok.class);
    Map<String, Object> data = ((CoreResult.Ok) result).response().data();
    return data == null ? Map.of() : data;
  }

  static CofferException failed(CoreResult result, ErrorCode code) {
    assertThat(result).as("result").isInstanceOf(CoreResult.Failed.class);
    CofferException e = ((CoreResult.Failed) result).error();
    assertThat(e.code()).as("code of %s", e.errors()).isEqualTo(code);
    return e;
  }
}
