package dev.coffer.spi;

/**
 * What kind of failure a {@link CofferException} reports. The HTTP layer maps each code to one
 * status; plugins never choose statuses themselves.
 */
public enum ErrorCode {
  /** The request is malformed or its values are invalid (400). */
  INVALID_REQUEST,
  /** The caller may not do this, or presented no valid token (403). */
  PERMISSION_DENIED,
  /** Nothing exists at the path (404). */
  NOT_FOUND,
  /** The path exists but does not support the operation (405). */
  UNSUPPORTED_OPERATION,
  /** The request body is larger than the server accepts (413). */
  PAYLOAD_TOO_LARGE,
  /** The caller sent too many requests (429). */
  RATE_LIMITED,
  /** The server is sealed and cannot serve the request (503). */
  SEALED,
  /** The server has not been initialised yet (400 for most paths). */
  NOT_INITIALIZED,
  /** A dependency (a cloud API, a database) failed (502). */
  UPSTREAM_FAILURE,
  /** Something went wrong inside Coffer or a plugin; the message is safe to show (500). */
  INTERNAL
}
