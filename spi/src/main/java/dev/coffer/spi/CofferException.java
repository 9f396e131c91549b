package dev.coffer.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An error a plugin or the server raises on purpose. The message is shown to the client, so it must
 * never contain a secret value.
 *
 * <p>An exception may carry response data: Vault answers a read of a deleted KV version with 404
 * <em>and</em> the version's metadata, and {@link #data()} carries that metadata.
 */
public class CofferException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final List<String> errors;
  private final transient Map<String, Object> data;

  /** An error with one message. */
  public CofferException(ErrorCode code, String message) {
    this(code, List.of(message), null, null);
  }

  /** An error with one message and the cause behind it (never shown to the client). */
  public CofferException(ErrorCode code, String message, Throwable cause) {
    this(code, List.of(message), null, cause);
  }

  private CofferException(
      ErrorCode code, List<String> errors, Map<String, Object> data, Throwable cause) {
    super(errors.isEmpty() ? code.name() : errors.get(0), cause);
    this.code = Objects.requireNonNull(code, "code");
    this.errors = List.copyOf(errors);
    this.data = data;
  }

  /** An error with several messages, or none (Vault answers a missing secret with no message). */
  public static CofferException withErrors(ErrorCode code, List<String> errors) {
    return new CofferException(code, errors, null, null);
  }

  /** An error that still answers with data, such as the metadata of a deleted version. */
  public static CofferException withData(
      ErrorCode code, List<String> errors, Map<String, Object> data) {
    return new CofferException(code, errors, data, null);
  }

  /** A 400 with this message. */
  public static CofferException invalid(String message) {
    return new CofferException(ErrorCode.INVALID_REQUEST, message);
  }

  /** A 404 with no message, as Vault answers for a missing secret. */
  public static CofferException notFound() {
    return withErrors(ErrorCode.NOT_FOUND, List.of());
  }

  /** What kind of failure this is. */
  public ErrorCode code() {
    return code;
  }

  /** The messages shown to the client in {@code {"errors": [...]}}; may be empty. */
  public List<String> errors() {
    return errors;
  }

  /** Data to answer with despite the error, or {@code null}. */
  public Map<String, Object> data() {
    return data;
  }
}
