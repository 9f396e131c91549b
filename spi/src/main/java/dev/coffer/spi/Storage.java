package dev.coffer.spi;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The key/value view an engine gets of its own data. Values are already decrypted; the server
 * encrypts them before they reach the {@link StorageBackend}. Keys are relative to the engine's
 * prefix, so an engine can neither see nor touch another mount's data.
 *
 * <p>Keys are non-empty, {@code /}-separated, and never start with {@code /}.
 */
public interface Storage {

  /** The value at {@code key}, if any. */
  Optional<byte[]> get(String key);

  /** Stores {@code value} at {@code key}; durable when the call returns. */
  void put(String key, byte[] value);

  /** Removes {@code key}; removing a missing key does nothing. */
  void delete(String key);

  /**
   * The direct children of {@code prefix} (which is {@code ""} or ends with {@code /}), sorted:
   * keys by their last segment, and sub-folders as {@code "name/"}.
   */
  List<String> list(String prefix);

  /**
   * One page of {@link #list}: the children of {@code prefix} that sort after {@code after} ({@code
   * ""} to start), at most {@code limit} (at least 1) of them. The default reads the whole listing;
   * the server's views read only the page from backends with an index.
   */
  default List<String> listPage(String prefix, String after, int limit) {
    return ListPages.page(list(prefix), after, limit);
  }

  /**
   * Runs {@code work} so that no other transaction on this storage interleaves with it, and all its
   * writes take effect together or not at all.
   */
  <T> T transaction(Function<Storage, T> work);
}
