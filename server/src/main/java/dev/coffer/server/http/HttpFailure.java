package dev.coffer.server.http;

import java.util.List;

/**
 * A request the HTTP layer rejects before it reaches the core, answered as {@code {"errors":
 * [...]}} with this status. The message is shown to the client and never echoes the request body.
 */
final class HttpFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  HttpFailure(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }

  List<String> errors() {
    return List.of(getMessage());
  }

  static HttpFailure tooLarge() {
    return new HttpFailure(413, "request body too large");
  }
}
