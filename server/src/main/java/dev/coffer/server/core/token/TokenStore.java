package dev.coffer.server.core.token;

import dev.coffer.server.core.Json;
import dev.coffer.server.core.barrier.Barrier;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.Storage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps tokens inside the barrier, keyed only by HMAC-SHA256 of the id under the keyring's HMAC
 * key: {@code sys/token/id/<hex hmac>} holds the entry, {@code sys/token/accessor/<hex hmac>}
 * points from the accessor to it. For now only root tokens exist.
 */
public final class TokenStore {
  private static final String ID_PREFIX = "sys/token/id/";
  private static final String ACCESSOR_PREFIX = "sys/token/accessor/";

  private final Barrier barrier;
  private final Storage storage;
  private final Clock clock;

  /** A store inside {@code barrier}. */
  public TokenStore(Barrier barrier, Clock clock) {
    this.barrier = barrier;
    this.storage = barrier.root();
    this.clock = clock;
  }

  /** Creates a root token with a generated id and returns the id. */
  public String createRoot() {
    String id = TokenIds.newTokenId();
    createRoot(id);
    return id;
  }

  /**
   * Creates a root token with exactly this id.
   *
   * @throws CofferException if the id is blank or contains whitespace or control characters
   */
  public void createRoot(String id) {
    if (id == null || id.isBlank() || !id.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw CofferException.invalid("a token id must be printable ASCII without spaces");
    }
    TokenEntry entry =
        new TokenEntry(
            TokenIds.newAccessor(), List.of("root"), "root", clock.instant().getEpochSecond());
    String idHash = hash(id);
    storage.put(ID_PREFIX + idHash, Json.write(entry.toJson()));
    storage.put(ACCESSOR_PREFIX + hash(entry.accessor()), Json.write(Map.of("id_hmac", idHash)));
  }

  /**
   * Creates a token with these policies and returns its id (for {@link
   * dev.coffer.server.core.Core#createToken} until the token endpoints exist).
   */
  public String create(List<String> policies, String displayName) {
    String id = TokenIds.newTokenId();
    TokenEntry entry =
        new TokenEntry(
            TokenIds.newAccessor(), policies, displayName, clock.instant().getEpochSecond());
    String idHash = hash(id);
    storage.put(ID_PREFIX + idHash, Json.write(entry.toJson()));
    storage.put(ACCESSOR_PREFIX + hash(entry.accessor()), Json.write(Map.of("id_hmac", idHash)));
    return id;
  }

  /** The entry of the token with this accessor, if it exists. */
  public Optional<TokenEntry> lookupByAccessor(String accessor) {
    if (accessor == null || accessor.isEmpty() || accessor.length() > 512) {
      return Optional.empty();
    }
    return storage
        .get(ACCESSOR_PREFIX + hash(accessor))
        .map(b -> Json.read(b).get("id_hmac"))
        .flatMap(idHash -> storage.get(ID_PREFIX + idHash))
        .map(b -> TokenEntry.fromJson(Json.read(b)));
  }

  /** The entry of the token with this id, if it exists. */
  public Optional<TokenEntry> lookup(String id) {
    if (id == null || id.isEmpty() || id.length() > 512) {
      return Optional.empty();
    }
    return storage.get(ID_PREFIX + hash(id)).map(b -> TokenEntry.fromJson(Json.read(b)));
  }

  /**
   * The entry of a valid token, for a request that presents it.
   *
   * @throws CofferException 403 "permission denied" for a missing, unknown or expired token
   */
  public TokenEntry authenticate(String id) {
    return lookup(id)
        .orElseThrow(
            () ->
                new CofferException(
                    dev.coffer.spi.ErrorCode.PERMISSION_DENIED, "permission denied"));
  }

  private String hash(String value) {
    return HexFormat.of().formatHex(barrier.hmac(value.getBytes(StandardCharsets.UTF_8)));
  }
}
