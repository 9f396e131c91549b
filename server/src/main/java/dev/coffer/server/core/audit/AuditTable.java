package dev.coffer.server.core.audit;

import dev.coffer.server.core.Json;
import dev.coffer.spi.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads and writes the audit device table, stored inside the barrier at {@value #KEY}. */
final class AuditTable {
  /** Where the device table is stored. */
  static final String KEY = "core/audit";

  private AuditTable() {}

  @SuppressWarnings("unchecked")
  static List<AuditDeviceConfig> load(Storage storage) {
    return storage
        .get(KEY)
        .map(
            bytes -> {
              List<AuditDeviceConfig> out = new ArrayList<>();
              for (Object e : (List<Object>) Json.read(bytes).get("entries")) {
                out.add(AuditDeviceConfig.fromJson((Map<String, Object>) e));
              }
              return out;
            })
        .orElseGet(List::of);
  }

  static void save(Storage storage, List<AuditDeviceConfig> devices) {
    List<Object> json = new ArrayList<>();
    devices.forEach(d -> json.add(d.toJson()));
    storage.put(KEY, Json.write(Map.of("entries", json)));
  }
}
