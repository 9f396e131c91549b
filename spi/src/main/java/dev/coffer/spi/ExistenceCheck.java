package dev.coffer.spi;

/**
 * Tells whether something already exists at a request's path, so the server can decide whether a
 * {@code POST}/{@code PUT} is a {@link Operation#CREATE} or an {@link Operation#UPDATE} (policies
 * grant the two separately).
 */
@FunctionalInterface
public interface ExistenceCheck {
  /** Whether the object the request addresses exists. */
  boolean exists(Request request);
}
