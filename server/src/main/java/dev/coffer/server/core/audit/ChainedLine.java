package dev.coffer.server.core.audit;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Adds the chain fields to an entry already encoded as JSON: {@code {...}} becomes {@code
 * {...,"seq":N,"prev_hash":"<hex>"}}, byte for byte what encoding the entry with those two fields
 * put last would give. So the entry is encoded by its own thread and the device's lock covers only
 * this splice, the write and the hash.
 */
final class ChainedLine {
  private ChainedLine() {}

  /** Whether {@code entry} can be encoded apart: it must not hold the chain fields itself. */
  static boolean canSplice(Map<String, Object> entry) {
    return !entry.containsKey("seq") && !entry.containsKey("prev_hash");
  }

  /** {@code encoded} (a JSON object) with {@code seq} and {@code prev_hash} appended. */
  static byte[] splice(byte[] encoded, long seq, String prevHash) {
    int close = encoded.length - 1;
    if (close < 1 || encoded[0] != '{' || encoded[close] != '}') {
      throw new IllegalArgumentException("not an encoded JSON object");
    }
    boolean empty = close == 1;
    byte[] tail =
        ((empty ? "" : ",") + "\"seq\":" + seq + ",\"prev_hash\":\"" + prevHash + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    byte[] line = new byte[close + tail.length];
    System.arraycopy(encoded, 0, line, 0, close);
    System.arraycopy(tail, 0, line, close, tail.length);
    return line;
  }
}
