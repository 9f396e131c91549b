package dev.coffer.server.core.breakglass;

import dev.coffer.server.core.token.TokenEntry;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The audit tag of a request made with a break-glass grant token: {@code {id, reason}} from the
 * token's {@code break_glass_id}/{@code break_glass_reason} metadata, which no other token can
 * carry ({@link BreakGlassPolicies} refuses those keys everywhere else).
 */
public final class BreakGlassTag {
  private BreakGlassTag() {}

  /** The tag of a request made with {@code token} ({@code null}: unauthenticated), or empty. */
  public static Map<String, String> of(TokenEntry token) {
    if (token == null) {
      return Map.of();
    }
    String id = token.meta().get("break_glass_id");
    if (id == null) {
      return Map.of();
    }
    Map<String, String> tag = new LinkedHashMap<>();
    tag.put("id", id);
    tag.put("reason", token.meta().getOrDefault("break_glass_reason", ""));
    return tag;
  }
}
