package dev.coffer.server.core.audit;

import dev.coffer.server.core.Json;
import dev.coffer.spi.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the access history that versions before the journal ({@link AccessJournal}) kept per path,
 * so it stays visible after an upgrade: rows named {@code sys/access-log/<sha256(path)>-<key>} and,
 * older still, rows in a folder per path, {@code sys/access-log/<sha256(path)>/<key>}. Both sort
 * newest first. Nothing writes such rows any more; each path kept at most about 2,000 records in
 * them.
 */
final class EarlierAccessRows {
  private static final int PAGE = 256;

  private final Storage storage;

  EarlierAccessRows(Storage storage) {
    this.storage = storage;
  }

  /**
   * Up to {@code limit} of the records stored for the path hashed to {@code hash}, newest first.
   */
  List<Map<String, Object>> records(String hash, int limit) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String row : rows(hash)) {
      if (out.size() >= limit) {
        break;
      }
      storage
          .get(AccessLog.PREFIX + row)
          .ifPresent(
              b -> {
                for (Map<String, Object> record : Json.readAll(b)) {
                  if (out.size() < limit) {
                    out.add(record);
                  }
                }
              });
    }
    return out;
  }

  /** The names (under {@link AccessLog#PREFIX}) of the path's rows, newest first. */
  List<String> rows(String hash) {
    String first = hash + "-";
    List<String> rows = new ArrayList<>();
    for (String after = first; ; ) {
      List<String> page = storage.listPage(AccessLog.PREFIX, after, PAGE);
      for (String name : page) {
        if (!name.startsWith(first)) {
          return withFolderRows(hash, rows);
        }
        rows.add(name);
      }
      if (page.size() < PAGE) {
        return withFolderRows(hash, rows);
      }
      after = page.get(page.size() - 1);
    }
  }

  private List<String> withFolderRows(String hash, List<String> rows) {
    for (String key : storage.list(AccessLog.PREFIX + hash + "/")) {
      rows.add(hash + "/" + key);
    }
    return rows;
  }
}
