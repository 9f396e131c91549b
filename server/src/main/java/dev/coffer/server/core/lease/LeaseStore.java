package dev.coffer.server.core.lease;

import dev.coffer.server.core.Json;
import dev.coffer.server.core.barrier.Barrier;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.Storage;
import dev.coffer.spi.StorageBackend;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Lease rows and their indexes ({@link LeaseKeys}). Every change of a lease and its index rows is
 * one storage transaction (a page of revocations, {@link #settle}, is one transaction too), and the
 * counts at {@link LeaseKeys#STATS} change in the same transaction. Nothing here holds leases in
 * memory: due leases, a prefix's leases and a token's leases are found by listing index folders a
 * page at a time.
 */
final class LeaseStore {
  static final int PAGE = 500;

  private final Barrier barrier;
  private final Storage storage;
  private final StorageBackend backend;

  LeaseStore(Barrier barrier, StorageBackend backend) {
    this.barrier = barrier;
    this.storage = barrier.root();
    this.backend = backend;
  }

  /** Counts kept with every change. */
  record Stats(long leases, long irrevocable) {}

  /**
   * Stores a new lease with its time and token index rows.
   *
   * @throws IllegalStateException if a lease with this id exists
   */
  void create(LeaseEntry e) {
    storage.transaction(
        tx -> {
          create(tx, e);
          return null;
        });
  }

  /** Stores a new lease inside the caller's transaction {@code tx}. */
  void create(Storage tx, LeaseEntry e) {
    Delta d = new Delta();
    createRows(tx, e, d);
    d.writeTo(tx);
  }

  /**
   * Stores these new leases with their index rows in one storage transaction (bulk loads).
   *
   * @throws IllegalStateException if a lease with one of these ids exists; nothing is stored then
   */
  void createAll(List<LeaseEntry> leases) {
    storage.transaction(
        tx -> {
          Delta d = new Delta();
          for (LeaseEntry e : leases) {
            createRows(tx, e, d);
          }
          d.writeTo(tx);
          return null;
        });
  }

  private void createRows(Storage tx, LeaseEntry e, Delta d) {
    if (tx.get(LeaseKeys.id(e.leaseId())).isPresent()) {
      throw new IllegalStateException("a lease with this id exists");
    }
    String h = hash(e.leaseId());
    tx.put(LeaseKeys.id(e.leaseId()), Json.write(e.toJson()));
    if (e.irrevocable()) {
      tx.put(LeaseKeys.irrevocable(h), pointer(e.leaseId()));
      d.irrevocable++;
    } else {
      tx.put(LeaseKeys.time(e.expireTime(), h), pointer(e.leaseId()));
    }
    if (!e.tokenHash().isEmpty()) {
      tx.put(LeaseKeys.token(e.tokenHash(), h), pointer(e.leaseId()));
    }
    d.leases++;
  }

  Optional<LeaseEntry> read(String leaseId) {
    return read(storage, leaseId);
  }

  /**
   * The lease with this id.
   *
   * @throws CofferException 400 "invalid lease" if there is none
   */
  LeaseEntry require(String leaseId) {
    return read(leaseId).orElseThrow(LeaseManager::invalidLease);
  }

  static Optional<LeaseEntry> read(Storage s, String leaseId) {
    if (!LeaseKeys.validId(leaseId)) {
      return Optional.empty();
    }
    return s.get(LeaseKeys.id(leaseId)).map(b -> LeaseEntry.fromJson(Json.read(b)));
  }

  /**
   * Replaces a stored lease by {@code next}, moving its time row (or onto the irrevocable list).
   */
  Optional<LeaseEntry> replace(
      String leaseId, java.util.function.UnaryOperator<LeaseEntry> change) {
    return storage.transaction(tx -> replace(tx, leaseId, change));
  }

  /** As {@link #replace(String, java.util.function.UnaryOperator)} inside {@code tx}. */
  Optional<LeaseEntry> replace(
      Storage tx, String leaseId, java.util.function.UnaryOperator<LeaseEntry> change) {
    Delta d = new Delta();
    Optional<LeaseEntry> next = replaceRows(tx, leaseId, change, d);
    d.writeTo(tx);
    return next;
  }

  private Optional<LeaseEntry> replaceRows(
      Storage tx, String leaseId, java.util.function.UnaryOperator<LeaseEntry> change, Delta d) {
    Optional<LeaseEntry> current = read(tx, leaseId);
    if (current.isEmpty()) {
      return Optional.empty();
    }
    LeaseEntry old = current.get();
    LeaseEntry next = change.apply(old);
    String h = hash(leaseId);
    tx.put(LeaseKeys.id(leaseId), Json.write(next.toJson()));
    if (!old.irrevocable()) {
      tx.delete(LeaseKeys.time(old.expireTime(), h));
    }
    if (next.irrevocable()) {
      tx.put(LeaseKeys.irrevocable(h), pointer(leaseId));
      if (!old.irrevocable()) {
        d.irrevocable++;
      }
    } else {
      tx.put(LeaseKeys.time(next.expireTime(), h), pointer(leaseId));
    }
    return Optional.of(next);
  }

  /** Deletes a lease and every index row of it; returns what was deleted. */
  Optional<LeaseEntry> delete(String leaseId) {
    return storage.transaction(
        tx -> {
          Delta d = new Delta();
          Optional<LeaseEntry> current = deleteRows(tx, leaseId, d);
          d.writeTo(tx);
          return current;
        });
  }

  /**
   * Settles one page of revocations in one storage transaction: deletes the leases in {@code
   * revoked} with every index row of them, and applies {@code failed}'s change to each of those
   * leases (as {@link #replace}). Leases already gone are skipped. Answers the leases deleted.
   */
  List<LeaseEntry> settle(
      List<String> revoked, Map<String, java.util.function.UnaryOperator<LeaseEntry>> failed) {
    if (revoked.isEmpty() && failed.isEmpty()) {
      return List.of();
    }
    return storage.transaction(
        tx -> {
          Delta d = new Delta();
          List<LeaseEntry> deleted = new ArrayList<>();
          for (String id : revoked) {
            deleteRows(tx, id, d).ifPresent(deleted::add);
          }
          failed.forEach((id, change) -> replaceRows(tx, id, change, d));
          d.writeTo(tx);
          return deleted;
        });
  }

  private Optional<LeaseEntry> deleteRows(Storage tx, String leaseId, Delta d) {
    Optional<LeaseEntry> current = read(tx, leaseId);
    if (current.isEmpty()) {
      return current;
    }
    LeaseEntry e = current.get();
    String h = hash(e.leaseId());
    tx.delete(LeaseKeys.id(e.leaseId()));
    tx.delete(LeaseKeys.time(e.expireTime(), h));
    tx.delete(LeaseKeys.irrevocable(h));
    if (!e.tokenHash().isEmpty()) {
      tx.delete(LeaseKeys.token(e.tokenHash(), h));
    }
    d.leases--;
    d.irrevocable -= e.irrevocable() ? 1 : 0;
    return current;
  }

  /**
   * Up to {@code limit} ids of leases due at {@code now}, earliest first, skipping {@code skip}
   * (those being revoked). Lists only the time buckets up to now.
   */
  List<String> due(Instant now, int limit, java.util.Set<String> skip) {
    List<String> out = new ArrayList<>();
    long nowSecond = now.getEpochSecond();
    String nowBucket = LeaseKeys.bucket(nowSecond);
    String afterBucket = "";
    while (out.size() < limit) {
      List<String> buckets = backend.listPage(LeaseKeys.TIME, afterBucket, PAGE);
      if (buckets.isEmpty()) {
        return out;
      }
      for (String b : buckets) {
        String bucket = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
        if (bucket.compareTo(nowBucket) > 0) {
          return out;
        }
        if (!collectDue(LeaseKeys.TIME + bucket + "/", nowSecond, limit, skip, out)) {
          return out;
        }
      }
      afterBucket = buckets.get(buckets.size() - 1);
    }
    return out;
  }

  /** Adds due ids of one bucket; false once a row not yet due (or the limit) is reached. */
  private boolean collectDue(
      String folder, long nowSecond, int limit, java.util.Set<String> skip, List<String> out) {
    String after = "";
    while (true) {
      List<String> rows = backend.listPage(folder, after, PAGE);
      if (rows.isEmpty()) {
        return true;
      }
      for (String row : rows) {
        if (LeaseKeys.secondOf(row) > nowSecond) {
          return false;
        }
        Optional<String> id = pointerAt(folder + row);
        if (id.isPresent() && !skip.contains(id.get())) {
          out.add(id.get());
          if (out.size() >= limit) {
            return false;
          }
        }
      }
      after = rows.get(rows.size() - 1);
    }
  }

  /** The direct children of a lease id prefix, as {@code LIST sys/leases/lookup/:prefix} shows. */
  List<String> children(String prefix) {
    return storage.list(LeaseKeys.ID + prefix);
  }

  /**
   * Calls {@code each} with every lease id in the folder {@code folder} ({@code ""} or ending in
   * {@code /}) and below, a page at a time; ids deleted by {@code each} do not disturb the walk.
   */
  void walk(String folder, Consumer<String> each) {
    walkFolder(folder, each);
  }

  private void visit(String name, Consumer<String> each) {
    if (name.endsWith("/")) {
      walkFolder(name, each);
    } else {
      each.accept(name);
    }
  }

  private void walkFolder(String folder, Consumer<String> each) {
    String after = "";
    while (true) {
      List<String> page = backend.listPage(LeaseKeys.ID + folder, after, PAGE);
      if (page.isEmpty()) {
        return;
      }
      for (String child : page) {
        visit(folder + child, each);
      }
      after = page.get(page.size() - 1);
    }
  }

  /** The ids of the leases a token created (and of its own lease). */
  List<String> tokenLeases(String tokenHash) {
    return pointers(LeaseKeys.TOKEN + tokenHash + "/", Integer.MAX_VALUE);
  }

  /** Up to {@code limit} ids of irrevocable leases. */
  List<String> irrevocable(int limit) {
    return pointers(LeaseKeys.IRREVOCABLE, limit);
  }

  private List<String> pointers(String folder, int limit) {
    List<String> out = new ArrayList<>();
    String after = "";
    while (out.size() < limit) {
      List<String> page = backend.listPage(folder, after, PAGE);
      if (page.isEmpty()) {
        break;
      }
      for (String row : page) {
        if (!row.endsWith("/") && out.size() < limit) {
          pointerAt(folder + row).ifPresent(out::add);
        }
      }
      after = page.get(page.size() - 1);
    }
    return out;
  }

  Stats stats() {
    return stats(storage);
  }

  /** Replaces the counts by these (after a recount). */
  void writeStats(Stats s) {
    storage.transaction(
        tx -> {
          writeStats(tx, s);
          return null;
        });
  }

  /** Deletes one index row (tidying). */
  void deleteRow(String key) {
    storage.delete(key);
  }

  /** Up to {@value #PAGE} names in {@code folder} after {@code after}, unencrypted listing. */
  List<String> listPage(String folder, String after) {
    return backend.listPage(folder, after, PAGE);
  }

  /** HMAC of a lease id in hex. */
  String hash(String leaseId) {
    return HexFormat.of().formatHex(barrier.hmac(leaseId.getBytes(StandardCharsets.UTF_8)));
  }

  /** The lease id an index row points to. */
  Optional<String> pointerAt(String key) {
    return storage.get(key).map(b -> (String) Json.read(b).get("lease_id"));
  }

  private static byte[] pointer(String leaseId) {
    return Json.write(Map.of("lease_id", leaseId));
  }

  private static Stats stats(Storage s) {
    return s.get(LeaseKeys.STATS)
        .map(Json::read)
        .map(
            m ->
                new Stats(
                    ((Number) m.getOrDefault("leases", 0)).longValue(),
                    ((Number) m.getOrDefault("irrevocable", 0)).longValue()))
        .orElse(new Stats(0, 0));
  }

  private static void writeStats(Storage tx, Stats s) {
    tx.put(
        LeaseKeys.STATS,
        Json.write(
            Map.of(
                "leases", Math.max(0, s.leases()), "irrevocable", Math.max(0, s.irrevocable()))));
  }

  /**
   * The change of the counts one transaction makes, written once at its end, so a batch reads and
   * writes {@link LeaseKeys#STATS} once.
   */
  private static final class Delta {
    long leases;
    long irrevocable;

    void writeTo(Storage tx) {
      if (leases == 0 && irrevocable == 0) {
        return;
      }
      Stats s = stats(tx);
      writeStats(tx, new Stats(s.leases() + leases, s.irrevocable() + irrevocable));
    }
  }
}
