package dev.coffer.server.core.token;

import dev.coffer.spi.Response;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Answers {@code GET auth/token/lookup-self} in Vault's shape, for the token presented. */
public final class LookupSelf {
  /** The path served. */
  public static final String PATH = "auth/token/lookup-self";

  private LookupSelf() {}

  /** The response for the presented token {@code id} and its stored entry. */
  public static Response respond(String id, TokenEntry entry) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("accessor", entry.accessor());
    d.put("creation_time", entry.creationTime());
    d.put("creation_ttl", 0);
    d.put("display_name", entry.displayName());
    d.put("entity_id", "");
    d.put("expire_time", null);
    d.put("explicit_max_ttl", 0);
    d.put("id", id);
    d.put("issue_time", Instant.ofEpochSecond(entry.creationTime()).toString());
    d.put("meta", null);
    d.put("num_uses", 0);
    d.put("orphan", true);
    d.put("path", "auth/token/root");
    d.put("policies", entry.policies());
    d.put("renewable", false);
    d.put("ttl", 0);
    d.put("type", "service");
    return Response.of(d);
  }
}
