package dev.coffer.backend.local.kv;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.IssuedLease;
import dev.coffer.spi.Response;
import dev.coffer.spi.Rotation;
import java.time.Instant;
import java.util.List;

/** Rotating the secrets of one KV mount (each KV version keeps secrets its own way). */
interface KvRotations {

  /**
   * Rotates the secret at {@code path} now.
   *
   * @return what {@code POST rotate/:path} answers (KV v2: the new version's metadata)
   * @throws CofferException 404 if there is no such secret, 400 if it has no rotator, 502 if its
   *     command fails
   */
  Response rotate(String path);

  /** Rotates every secret that has a rotator and reports each. */
  List<Rotation> rotateAll();

  /** Rotates what is due at {@code now}. */
  void periodic(Instant now);

  /** Takes back a leased read: rotates the secret read, if it has a rotator. */
  List<String> revoke(IssuedLease lease);

  /** Whether the secret at {@code path} still exists. */
  boolean exists(String path);

  /** The failure of one secret's rotation, as {@link Rotation} reports it: never a value. */
  static Rotation failed(String reported, RuntimeException e) {
    if (e instanceof CofferException c) {
      return Rotation.failed(reported, c.getMessage());
    }
    return Rotation.failed(reported, "internal error");
  }
}
