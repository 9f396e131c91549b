package dev.coffer.backend.local.kv;

import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import java.util.List;

/**
 * {@code rotate/:path}: rotates a secret now by its rotator. Never answers the new value: KV v2
 * answers the new version's metadata, KV v1 nothing.
 */
final class KvRotatePaths {
  private final KvRotations rotations;

  KvRotatePaths(KvRotations rotations) {
    this.rotations = rotations;
  }

  List<PathSpec> paths() {
    return List.of(
        PathSpec.builder("rotate/{path:+}")
            .on(Operation.UPDATE, r -> rotations.rotate(KvPathParam.secret(r)))
            .description("Rotates a secret now by its rotator.")
            .build());
  }
}
