package dev.coffer.backend.local.kv;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.IssuedLease;
import dev.coffer.spi.Response;
import dev.coffer.spi.Rotation;
import dev.coffer.spi.Storage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rotation of KV v1 secrets, by the mount's rotator only (v1 secrets have no metadata): a rotation
 * overwrites the secret. KV v1 has no scheduled rotation; {@code rotation_period} needs KV v2.
 */
final class KvV1Rotations implements KvRotations {
  private final Storage storage;
  private final RotationSettings settings;
  private final Rotator rotator;

  KvV1Rotations(Storage storage, RotationSettings settings, Rotator rotator) {
    this.storage = storage;
    this.settings = settings;
    this.rotator = rotator;
  }

  @Override
  public Response rotate(String path) {
    byte[] stored = storage.get(path).orElseThrow(CofferException::notFound);
    Map<String, Object> next = rotator.next(path, KvJson.readMap(stored), settings);
    storage.put(path, KvJson.write(next));
    return Response.empty();
  }

  @Override
  public List<Rotation> rotateAll() {
    List<Rotation> out = new ArrayList<>();
    if (settings.hasRotator()) {
      walk("", out);
    }
    return out;
  }

  private void walk(String prefix, List<Rotation> out) {
    for (String name : storage.list(prefix)) {
      if (name.endsWith("/")) {
        walk(prefix + name, out);
        continue;
      }
      String path = prefix + name;
      try {
        rotate(path);
        out.add(Rotation.rotated(path));
      } catch (RuntimeException e) {
        out.add(KvRotations.failed(path, e));
      }
    }
  }

  @Override
  public void periodic(Instant now) {}

  @Override
  public List<String> revoke(IssuedLease lease) {
    String path = lease.internalString("path");
    if (storage.get(path).isEmpty()) {
      return List.of("secret " + path + " no longer exists");
    }
    if (settings.hasRotator()) {
      rotate(path);
    }
    return List.of();
  }

  @Override
  public boolean exists(String path) {
    return storage.get(path).isPresent();
  }
}
