package dev.coffer.spi;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where Coffer keeps its bytes. A backend is untrusted: it only ever sees ciphertext and storage
 * keys. It must be safe to call from many threads.
 *
 * <p>Keys are non-empty, {@code /}-separated strings. A {@link #put} is durable when it returns.
 * Implementations should pass the contract suite in {@code coffer-spi-testkit}.
 */
public interface StorageBackend extends AutoCloseable {

  /** The value at {@code key}, if any. */
  Optional<byte[]> get(String key);

  /** Stores {@code value} at {@code key}, replacing any earlier value; durable on return. */
  void put(String key, byte[] value);

  /** Removes {@code key}; removing a missing key does nothing. */
  void delete(String key);

  /**
   * The direct children of {@code prefix} (which is {@code ""} or ends with {@code /}), sorted:
   * keys by the part after {@code prefix}, and deeper keys collapsed into {@code "folder/"}.
   */
  List<String> list(String prefix);

  /**
   * One page of {@link #list}: the children that sort after {@code after} ({@code ""} to start), at
   * most {@code limit} (at least 1) of them. The default reads the whole listing; backends with an
   * index should override it.
   */
  default List<String> listPage(String prefix, String after, int limit) {
    return ListPages.page(list(prefix), after, limit);
  }

  /** Whether {@link #transaction} is supported. */
  default boolean transactional() {
    return false;
  }

  /**
   * Runs {@code work} atomically against a view of this backend: its reads see its own writes, and
   * its writes commit together when it returns or are rolled back when it throws.
   *
   * @throws UnsupportedOperationException if {@link #transactional()} is false
   */
  default <T> T transaction(Function<StorageBackend, T> work) {
    throw new UnsupportedOperationException(getClass().getName() + " has no transactions");
  }

  /** Releases connections and files. */
  @Override
  void close();
}
