package dev.coffer.server.core.token;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The token that authenticated each request in flight, by request id. The core binds it around
 * serving a request; the token backend's self paths ({@code lookup-self}, {@code renew-self},
 * {@code revoke-self}) and {@code create} read it. Core-only: plugins never get this object, so the
 * SPI never carries a token.
 */
public final class CallerTokens {
  private final ConcurrentHashMap<String, Caller> byRequest = new ConcurrentHashMap<>();

  /**
   * The caller of one request.
   *
   * @param id the raw token id (secret; never printed)
   * @param entry its entry as authenticated for this request
   */
  public record Caller(String id, TokenEntry entry) {
    @Override
    public String toString() {
      return "Caller[" + entry.accessor() + "]";
    }
  }

  /** Unbinds a request's caller when closed. */
  @FunctionalInterface
  public interface Binding extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Binds the caller of request {@code requestId} until the returned binding is closed; a {@code
   * null} entry (an unauthenticated path) binds nothing.
   */
  public Binding bind(String requestId, String id, TokenEntry entry) {
    if (entry == null || id == null) {
      return () -> {};
    }
    byRequest.put(requestId, new Caller(id, entry));
    return () -> byRequest.remove(requestId);
  }

  /** The caller of a request, if it was authenticated. */
  public Optional<Caller> of(String requestId) {
    return Optional.ofNullable(byRequest.get(requestId));
  }

  /** The caller of a request; 403 "permission denied" if none is bound. */
  Caller require(String requestId) {
    return of(requestId).orElseThrow(TokenStore::denied);
  }
}
