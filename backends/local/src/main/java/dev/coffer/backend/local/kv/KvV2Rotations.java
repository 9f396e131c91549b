package dev.coffer.backend.local.kv;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.IssuedLease;
import dev.coffer.spi.Response;
import dev.coffer.spi.Rotation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rotation of KV v2 secrets: every rotation is a new version (check-and-set does not apply) and
 * records {@code last_rotated}; scheduled rotations come from the {@link RotationSchedule}
 * due-index.
 */
final class KvV2Rotations implements KvRotations {
  /** How long a failed scheduled rotation waits before it is tried again. */
  static final Duration RETRY_AFTER = Duration.ofMinutes(1);

  private final KvStore store;
  private final Clock clock;
  private final RotationSettings defaults;
  private final RotationSchedule schedule;
  private final Rotator rotator;
  private final System.Logger log;
  private final Map<String, Instant> retryAfter = new ConcurrentHashMap<>();
  private volatile boolean indexChecked;

  KvV2Rotations(
      KvStore store,
      Clock clock,
      RotationSettings defaults,
      RotationSchedule schedule,
      Rotator rotator,
      System.Logger log) {
    this.store = store;
    this.clock = clock;
    this.defaults = defaults;
    this.schedule = schedule;
    this.rotator = rotator;
    this.log = log;
  }

  @Override
  public Response rotate(String path) {
    KeyMetadata meta = store.metadata(path).orElseThrow(CofferException::notFound);
    RotationSettings s = defaults.forSecret(meta.customMetadata);
    Map<String, Object> next = rotator.next(path, currentData(path, meta), s);
    return Response.of(
        store.atomically(
            tx -> {
              KeyMetadata m = tx.metadata(path).orElseThrow(CofferException::notFound);
              Instant now = clock.instant();
              m.lastRotated = KvTime.format(now);
              return KvDataPaths.addVersion(tx, path, tx.config(), m, next, now);
            }));
  }

  @Override
  public List<Rotation> rotateAll() {
    List<Rotation> out = new ArrayList<>();
    walk("", out);
    return out;
  }

  private void walk(String folder, List<Rotation> out) {
    for (String name : store.listMetadata(folder)) {
      String path = folder.isEmpty() ? name : folder + "/" + name;
      if (name.endsWith("/")) {
        walk(path.substring(0, path.length() - 1), out);
        continue;
      }
      KeyMetadata meta = store.metadata(path).orElse(null);
      if (meta == null || !defaults.forSecret(meta.customMetadata).hasRotator()) {
        continue;
      }
      try {
        rotate(path);
        out.add(Rotation.rotated("data/" + path));
      } catch (RuntimeException e) {
        out.add(KvRotations.failed("data/" + path, e));
      }
    }
  }

  @Override
  public void periodic(Instant now) {
    if (!indexChecked) {
      rebuildIndexIfDefaultsChanged();
      indexChecked = true;
    }
    for (RotationSchedule.Due due : schedule.due(store, now)) {
      Instant notBefore = retryAfter.get(due.path());
      if (notBefore != null && notBefore.isAfter(now)) {
        continue;
      }
      KeyMetadata meta = store.metadata(due.path()).orElse(null);
      if (meta == null || !due.entry().equals(meta.rotationDue)) {
        store.deleteDue(due.entry());
        continue;
      }
      RotationSettings s = defaults.forSecret(meta.customMetadata);
      if (!s.hasRotator() || s.period().isZero()) {
        resave(due.path());
        continue;
      }
      try {
        rotate(due.path());
        retryAfter.remove(due.path());
      } catch (RuntimeException e) {
        retryAfter.put(due.path(), now.plus(RETRY_AFTER));
        log.log(
            System.Logger.Level.WARNING,
            "scheduled rotation of "
                + due.path()
                + " failed: "
                + KvRotations.failed("", e).error());
      }
    }
  }

  /** After the mount's rotation options change, puts every secret in the due-index anew. */
  private void rebuildIndexIfDefaultsChanged() {
    String fingerprint = schedule.fingerprint();
    String indexed = store.indexedDefaults();
    if (fingerprint.equals(indexed)) {
      return;
    }
    if (!indexed.isEmpty() || schedule.mountSchedules()) {
      reindex("");
    }
    store.saveIndexedDefaults(fingerprint);
  }

  private void reindex(String folder) {
    for (String name : store.listMetadata(folder)) {
      String path = folder.isEmpty() ? name : folder + "/" + name;
      if (name.endsWith("/")) {
        reindex(path.substring(0, path.length() - 1));
      } else {
        resave(path);
      }
    }
  }

  /** Puts a secret in the due-index as its settings say now. */
  private void resave(String path) {
    store.atomically(
        tx -> {
          tx.metadata(path).ifPresent(m -> tx.reindex(path, m));
          return null;
        });
  }

  @Override
  public synchronized List<String> revoke(IssuedLease lease) {
    // Synchronized: leases of one read version are revoked in parallel by the server's workers,
    // and the check "still the version that was read" must hold until the rotation is stored,
    // or two of them rotate the same version twice.
    String path = lease.internalString("path");
    KeyMetadata meta = store.metadata(path).orElse(null);
    if (meta == null) {
      return List.of("secret " + path + " no longer exists");
    }
    if (!defaults.forSecret(meta.customMetadata).hasRotator()) {
      return List.of();
    }
    long read = ReadLeases.version(lease);
    if (read != 0 && read != meta.currentVersion) {
      return List.of(
          "secret " + path + " was already rotated past version " + read + " that was read");
    }
    rotate(path);
    return List.of();
  }

  @Override
  public boolean exists(String path) {
    return store.metadata(path).isPresent();
  }

  /** The latest version's data, or nothing if it is deleted, destroyed or missing. */
  private Map<String, Object> currentData(String path, KeyMetadata meta) {
    VersionMetadata latest = meta.versions.get(meta.currentVersion);
    if (latest == null || !latest.isReadable(clock.instant())) {
      return Map.of();
    }
    return store.versionData(path, meta, meta.currentVersion).orElse(Map.of());
  }
}
