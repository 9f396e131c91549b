package dev.coffer.server.core.token;

import dev.coffer.server.core.Json;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Response;
import dev.coffer.spi.Storage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code auth/token/tidy}: revokes tokens that no longer work (expired, out of uses, or under a
 * dead parent) with their subtrees, and removes accessor and parent index rows that point nowhere.
 * Runs at once and answers what it removed.
 */
final class TokenTidy {
  private final TokenStore store;

  TokenTidy(TokenStore store) {
    this.store = store;
  }

  List<PathSpec> paths() {
    return List.of(
        PathSpec.builder("tidy")
            .on(Operation.UPDATE, r -> tidy())
            .description("removes expired tokens and dangling index entries")
            .build());
  }

  /** Tidies the token store; answers the counts. */
  Response tidy() {
    Storage s = store.storage();
    Instant now = store.clock().instant();
    List<String> before = s.list(TokenRows.ID_PREFIX);
    for (String h : before) {
      var entry = store.stored(h);
      if (entry.isPresent() && !store.alive(entry.get(), now)) {
        store.revokeTree(h);
      }
    }
    long rows = 0;
    for (String a : s.list(TokenRows.ACCESSOR_PREFIX)) {
      String key = TokenRows.ACCESSOR_PREFIX + a;
      Object target = s.get(key).map(b -> Json.read(b).get("id_hmac")).orElse(null);
      if (target == null || store.stored(target.toString()).isEmpty()) {
        s.delete(key);
        rows++;
      }
    }
    for (String parent : s.list(TokenRows.PARENT_PREFIX)) {
      String p = parent.endsWith("/") ? parent.substring(0, parent.length() - 1) : parent;
      boolean parentGone = store.stored(p).isEmpty();
      for (String child : s.list(TokenRows.PARENT_PREFIX + p + "/")) {
        if (parentGone && store.stored(child).isPresent()) {
          store.revokeTree(child);
        }
        s.delete(TokenRows.PARENT_PREFIX + p + "/" + child);
        rows++;
      }
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("revoked_tokens", before.size() - s.list(TokenRows.ID_PREFIX).size());
    data.put("removed_index_entries", rows);
    return Response.of(data).withWarning("Tidy operation successfully completed.");
  }
}
