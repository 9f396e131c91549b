package dev.coffer.server.core;

import dev.coffer.server.core.wrapping.WrapInfo;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.Response;
import java.util.Map;

/**
 * What the core answers; the HTTP layer renders it. It never carries HTTP types: the HTTP layer
 * owns the table from {@link dev.coffer.spi.ErrorCode} to status.
 */
public sealed interface CoreResult {

  /** The request id the answer belongs to. */
  String requestId();

  /**
   * A normal answer, rendered in Vault's envelope: 200 with the envelope, or 204 when there is no
   * data and no warning. A wrapped answer ({@code wrapInfo} not {@code null}) renders {@code
   * wrap_info} with {@code data: null}; the response itself is then only in the barrier.
   */
  record Ok(String requestId, Response response, WrapInfo wrapInfo) implements CoreResult {
    /** An unwrapped answer. */
    public Ok(String requestId, Response response) {
      this(requestId, response, null);
    }
  }

  /**
   * A failure, rendered as {@code {"errors": [...]}} with the status of its code; if the exception
   * carries data (a deleted KV version), the envelope with that data is rendered with the status.
   */
  record Failed(String requestId, CofferException error) implements CoreResult {}

  /**
   * A body rendered as is, outside the envelope, with an explicit status. Only the system paths
   * Vault answers this way use it: {@code sys/health}, {@code sys/seal-status}, {@code sys/init},
   * {@code sys/unseal}, {@code sys/seal}.
   */
  record Raw(String requestId, int status, Map<String, Object> body) implements CoreResult {}
}
