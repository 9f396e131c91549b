package dev.coffer.server.core.sys;

import dev.coffer.server.core.barrier.Barrier;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code sys/rotate} (adds a keyring term online) and {@code sys/key-status}. */
final class KeyPaths {
  private final Barrier barrier;
  private final Clock clock;

  KeyPaths(Barrier barrier, Clock clock) {
    this.barrier = barrier;
    this.clock = clock;
  }

  List<PathSpec> paths() {
    return List.of(
        PathSpec.builder("rotate")
            .on(Operation.UPDATE, this::rotate)
            .sudo()
            .description("adds a new encryption key term; earlier terms still decrypt")
            .build(),
        PathSpec.builder("key-status")
            .on(Operation.READ, this::status)
            .description("the active encryption key term")
            .build());
  }

  private Response rotate(Request r) {
    barrier.rotate(clock.instant());
    return Response.empty();
  }

  private Response status(Request r) {
    Barrier.KeyStatus s = barrier.keyStatus();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("term", s.term());
    data.put("install_time", s.installTime().toString());
    data.put("encryptions", s.encryptions());
    return Response.of(data);
  }
}
