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
  public static List<MountEntry> load(Storage storage) {
    return load(storage, KEY);
  }

  /** The entries stored at {@code key} (e.g. the auth table), or none. */
  @SuppressWarnings("unchecked")
  static List<MountEntry> load(Storage storage, String key) {
    return storage
        .get(key)
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
    save(storage, KEY, entries);
  }

  /** Replaces the table stored at {@code key}. */
  static void save(Storage storage, String key, List<MountEntry> entries) {
    List<Object> json = new ArrayList<>();
    entries.forEach(e -> json.add(e.toJson()));
    storage.put(key, Json.write(Map.of("entries", json)));
  }
}
