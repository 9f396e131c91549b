package dev.coffer.server.core.identity;

import dev.coffer.spi.Request;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reading identity request fields the way Vault normalises them. */
final class IdentityFields {
  private IdentityFields() {}

  /** A string-map field, or {@code null} if absent. */
  static Map<String, String> stringMap(Request r, String name) {
    Map<String, Object> raw = r.map(name);
    if (raw == null) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    raw.forEach((k, v) -> out.put(k, v == null ? "" : v.toString()));
    return out;
  }

  /** Policy names trimmed, lower-cased and de-duplicated, or {@code null} if absent. */
  static List<String> policies(Request r) {
    if (!r.has("policies")) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (Object p : r.<Object>list("policies")) {
      String n = p.toString().trim().toLowerCase(Locale.ROOT);
      if (!n.isEmpty() && !out.contains(n)) {
        out.add(n);
      }
    }
    return out;
  }

  /** A string field trimmed, or {@code ""} if absent. */
  static String string(Request r, String name) {
    return r.string(name, "").trim();
  }
}
