package dev.coffer.server.http;

import dev.coffer.spi.ErrorCode;

/** The one table from {@link ErrorCode} to HTTP status. */
public final class ErrorStatus {
  private ErrorStatus() {}

  /** The HTTP status Vault answers for this kind of failure. */
  public static int of(ErrorCode code) {
    return switch (code) {
      case INVALID_REQUEST -> 400;
      case PERMISSION_DENIED -> 403;
      case NOT_FOUND -> 404;
      case UNSUPPORTED_OPERATION -> 405;
      case PAYLOAD_TOO_LARGE -> 413;
      case RATE_LIMITED -> 429;
      case SEALED, NOT_INITIALIZED -> 503;
      case UPSTREAM_FAILURE -> 502;
      case INTERNAL -> 500;
    };
  }
}
