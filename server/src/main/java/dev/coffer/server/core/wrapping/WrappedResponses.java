package dev.coffer.server.core.wrapping;

import dev.coffer.server.core.Json;
import dev.coffer.server.core.barrier.Barrier;
import dev.coffer.spi.Response;
import dev.coffer.spi.Storage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The wrapped responses, inside the barrier at {@code sys/wrapping/response/<hmac(token id)>}: the
 * response and its wrapping facts. The wrapping token id itself is never stored. A response is
 * removed when it is unwrapped or rewrapped, and by {@link #sweep} once its token has expired.
 */
final class WrappedResponses {
  static final String PREFIX = "sys/wrapping/response/";

  private final Barrier barrier;

  WrappedResponses(Barrier barrier) {
    this.barrier = barrier;
  }

  /**
   * One wrapped response.
   *
   * @param response the original response (secret)
   * @param creationPath the path whose response was wrapped
   * @param creationTime when it was wrapped
   * @param creationTtl the wrapping TTL in seconds
   * @param expireTime when the wrapping token expires
   */
  record Entry(
      Response response,
      String creationPath,
      Instant creationTime,
      long creationTtl,
      Instant expireTime) {
    @Override
    public String toString() {
      return "WrappedResponses.Entry[" + creationPath + "]";
    }
  }

  void put(String tokenId, Entry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("creation_path", e.creationPath());
    m.put("creation_time", e.creationTime().toString());
    m.put("creation_ttl", e.creationTtl());
    m.put("expire_time", e.expireTime().toString());
    m.put("response", ResponseCodec.encode(e.response()));
    storage().put(key(tokenId), Json.write(m));
  }

  /** The entry of this token, left in place. */
  Optional<Entry> peek(String tokenId) {
    return storage().get(key(tokenId)).map(WrappedResponses::decode);
  }

  /** Removes and returns the entry of this token: of two concurrent takers only one gets it. */
  Optional<Entry> take(String tokenId) {
    String key = key(tokenId);
    return storage()
        .transaction(
            tx -> {
              Optional<byte[]> bytes = tx.get(key);
              bytes.ifPresent(b -> tx.delete(key));
              return bytes.map(WrappedResponses::decode);
            });
  }

  /** Removes the entries whose wrapping token expired before {@code now}; returns how many. */
  int sweep(Instant now) {
    int removed = 0;
    for (String name : storage().list(PREFIX)) {
      String key = PREFIX + name;
      Optional<Instant> expiry =
          storage().get(key).map(b -> Instant.parse(Json.read(b).get("expire_time").toString()));
      if (expiry.isPresent() && !expiry.get().isAfter(now)) {
        storage().delete(key);
        removed++;
      }
    }
    return removed;
  }

  @SuppressWarnings("unchecked")
  private static Entry decode(byte[] bytes) {
    Map<String, Object> m = Json.read(bytes);
    return new Entry(
        ResponseCodec.decode((Map<String, Object>) m.get("response")),
        (String) m.get("creation_path"),
        Instant.parse(m.get("creation_time").toString()),
        m.get("creation_ttl") instanceof Number n ? n.longValue() : 0,
        Instant.parse(m.get("expire_time").toString()));
  }

  private String key(String tokenId) {
    return PREFIX
        + HexFormat.of().formatHex(barrier.hmac(tokenId.getBytes(StandardCharsets.UTF_8)));
  }

  private Storage storage() {
    return barrier.root();
  }
}
