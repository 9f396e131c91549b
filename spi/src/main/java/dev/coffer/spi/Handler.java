package dev.coffer.spi;

/** Serves one {@link Operation} on one {@link PathSpec}. */
@FunctionalInterface
public interface Handler {
  /**
   * Handles the request.
   *
   * @return the response; never {@code null} (use {@link Response#empty()})
   * @throws CofferException for anything the client should be told about
   */
  Response handle(Request request);
}
