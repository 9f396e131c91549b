package dev.coffer.cli;

import java.util.List;

/**
 * The server answered with an error status; printed as {@code Error: <status> <errors>}, exit 2.
 */
public class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final List<String> errors;

  /** The server's status and its {@code errors} list (possibly empty). */
  public ApiException(int status, List<String> errors) {
    super(message(status, errors));
    this.status = status;
    this.errors = List.copyOf(errors);
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The server's messages. */
  public List<String> errors() {
    return errors;
  }

  private static String message(int status, List<String> errors) {
    if (errors.isEmpty()) {
      return status + " " + reason(status);
    }
    return status + " " + String.join("; ", errors);
  }

  private static String reason(int status) {
    return switch (status) {
      case 400 -> "bad request";
      case 403 -> "permission denied";
      case 404 -> "not found";
      case 405 -> "unsupported operation";
      case 429 -> "too many requests";
      case 503 -> "service unavailable (sealed?)";
      default -> status >= 500 ? "server error" : "error";
    };
  }
}
