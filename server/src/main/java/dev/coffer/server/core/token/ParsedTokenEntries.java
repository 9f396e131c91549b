package dev.coffer.server.core.token;

import dev.coffer.server.core.Json;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token entries parsed from their stored JSON, reused while the stored bytes stay the same: every
 * request authenticates its token, and parsing the entry cost more than reading it. The bytes are
 * compared whole, so a changed entry (renewal, use count, revocation) is always parsed afresh.
 * Emptied when the core seals ({@link TokenStore#clear}).
 */
final class ParsedTokenEntries {
  /** At most this many entries are kept; beyond it the map starts over. */
  static final int MAX_ENTRIES = 4096;

  private record Parsed(byte[] json, TokenEntry entry) {}

  private final Map<String, Parsed> byIdHash = new ConcurrentHashMap<>();

  /** Forgets every entry. */
  void clear() {
    byIdHash.clear();
  }

  /** The entry {@code json} holds, stored under {@code idHash}. */
  TokenEntry parse(String idHash, byte[] json) {
    Parsed known = byIdHash.get(idHash);
    if (known != null && Arrays.equals(known.json(), json)) {
      return known.entry();
    }
    TokenEntry entry = TokenEntry.fromJson(Json.read(json));
    if (byIdHash.size() >= MAX_ENTRIES) {
      byIdHash.clear();
    }
    byIdHash.put(idHash, new Parsed(json.clone(), entry));
    return entry;
  }
}
