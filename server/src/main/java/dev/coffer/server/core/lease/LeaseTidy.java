package dev.coffer.server.core.lease;

import java.util.List;
import java.util.Optional;

/**
 * {@code sys/leases/tidy}: removes index rows that point to no lease (or to a lease whose row
 * moved), then recounts the leases into {@code sys/expire/stats}.
 */
final class LeaseTidy {
  private final LeaseStore store;

  LeaseTidy(LeaseStore store) {
    this.store = store;
  }

  /** Tidies and recounts; answers how many index rows were removed. */
  long run() {
    long removed = 0;
    for (String folder : List.of(LeaseKeys.TIME, LeaseKeys.TOKEN, LeaseKeys.IRREVOCABLE)) {
      removed += tidyFolder(folder);
    }
    long[] counts = new long[2];
    store.walk(
        "",
        id ->
            store
                .read(id)
                .ifPresent(
                    e -> {
                      counts[0]++;
                      counts[1] += e.irrevocable() ? 1 : 0;
                    }));
    store.writeStats(new LeaseStore.Stats(counts[0], counts[1]));
    return removed;
  }

  private long tidyFolder(String folder) {
    long removed = 0;
    String after = "";
    while (true) {
      List<String> page = store.listPage(folder, after);
      if (page.isEmpty()) {
        return removed;
      }
      for (String row : page) {
        if (row.endsWith("/")) {
          removed += tidyFolder(folder + row);
          continue;
        }
        String key = folder + row;
        Optional<LeaseEntry> lease = store.pointerAt(key).flatMap(store::read);
        if (lease.isEmpty() || !expectedRow(key, lease.get())) {
          store.deleteRow(key);
          removed++;
        }
      }
      after = page.get(page.size() - 1);
    }
  }

  private boolean expectedRow(String key, LeaseEntry e) {
    String h = store.hash(e.leaseId());
    if (key.startsWith(LeaseKeys.TIME)) {
      return !e.irrevocable() && key.equals(LeaseKeys.time(e.expireTime(), h));
    }
    if (key.startsWith(LeaseKeys.IRREVOCABLE)) {
      return e.irrevocable();
    }
    return key.equals(LeaseKeys.token(e.tokenHash(), h));
  }
}
