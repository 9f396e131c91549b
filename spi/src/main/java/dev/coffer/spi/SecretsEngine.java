package dev.coffer.spi;

import java.util.List;

/**
 * A mounted engine: a short table of {@link PathSpec}s. The server routes each request under the
 * mount to the most specific matching path and calls its handler.
 */
public interface SecretsEngine extends AutoCloseable {

  /** The paths this engine serves, relative to its mount. */
  List<PathSpec> paths();

  /** Called when the mount is disabled or the server stops; release pools and threads here. */
  @Override
  default void close() {}
}
