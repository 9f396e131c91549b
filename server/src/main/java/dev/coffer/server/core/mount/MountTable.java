package dev.coffer.server.core.mount;

import dev.coffer.server.core.Json;
import dev.coffer.spi.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads and writes the mount table, stored inside the barrier at {@value #KEY}. */
public final class MountTable {
  /** Where the mount table is stored. */
  public static final String KEY = "core/mounts";

  private MountTable() {}

  /** The stored entries, or none. */
  @SuppressWarnings("unchecked")
  public static List<MountEntry> load(Storage storage) {
    return storage
        .get(KEY)
        .map(
            bytes -> {
              List<MountEntry> out = new ArrayList<>();
              for (Object e : (List<Object>) Json.read(bytes).get("entries")) {
                out.add(MountEntry.fromJson((Map<String, Object>) e));
              }
              return out;
            })
        .orElseGet(List::of);
  }

  /** Replaces the stored table. */
  public static void save(Storage storage, List<MountEntry> entries) {
    List<Object> json = new ArrayList<>();
    entries.forEach(e -> json.add(e.toJson()));
    storage.put(KEY, Json.write(Map.of("entries", json)));
  }
}
