package dev.coffer.server.core.token;

import dev.coffer.server.core.Json;
import dev.coffer.server.core.barrier.AesGcm;
import dev.coffer.server.core.identity.EntityResolver;
import dev.coffer.server.core.mount.MountEntry;
import dev.coffer.server.core.mount.MountedEngine;
import dev.coffer.spi.Storage;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The {@code auth/token/} mount: its table row (uuid and accessor created at the first unseal and
 * kept at {@value #KEY}, so entity aliases on it survive restarts) and its backend.
 */
public final class TokenAuthMount {
  /** Where the mount's uuid and accessor are stored. */
  static final String KEY = "sys/token/mount";

  private TokenAuthMount() {}

  /** The mounted token backend; call after unseal. */
  public static MountedEngine mount(
      TokenStore store, CallerTokens callers, EntityResolver entities) {
    MountEntry entry = loadOrCreate(store.storage());
    return new MountedEngine(entry, new TokenBackend(store, callers, entities, entry::accessor));
  }

  private static MountEntry loadOrCreate(Storage storage) {
    Map<String, Object> m =
        storage
            .get(KEY)
            .map(Json::read)
            .orElseGet(
                () -> {
                  Map<String, Object> fresh = new LinkedHashMap<>();
                  fresh.put("uuid", UUID.randomUUID().toString());
                  fresh.put(
                      "accessor", "auth_token_" + HexFormat.of().formatHex(AesGcm.randomBytes(4)));
                  storage.put(KEY, Json.write(fresh));
                  return fresh;
                });
    return new MountEntry(
        "auth/token/",
        "token",
        "token based credentials",
        (String) m.get("uuid"),
        (String) m.get("accessor"),
        Map.of(),
        0,
        0,
        false,
        false);
  }
}
