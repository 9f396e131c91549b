package dev.coffer.server.core;

import dev.coffer.server.core.sys.SealControls.ClusterInfo;
import dev.coffer.spi.Storage;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The cluster's name and id, created at the first unseal and stored at {@value #KEY}. */
final class ClusterRecord {
  static final String KEY = "core/cluster";

  private ClusterRecord() {}

  static ClusterInfo loadOrCreate(Storage storage) {
    return storage
        .get(KEY)
        .map(Json::read)
        .map(m -> new ClusterInfo((String) m.get("name"), (String) m.get("id")))
        .orElseGet(
            () -> {
              ClusterInfo fresh =
                  new ClusterInfo(
                      "coffer-cluster-"
                          + HexFormat.of()
                              .formatHex(dev.coffer.server.core.barrier.AesGcm.randomBytes(4)),
                      UUID.randomUUID().toString());
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("name", fresh.name());
              m.put("id", fresh.id());
              storage.put(KEY, Json.write(m));
              return fresh;
            });
  }
}
