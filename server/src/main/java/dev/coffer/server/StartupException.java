package dev.coffer.server;

/**
 * The server cannot start: bad configuration a factory rejected, an unknown type, an address in
 * use. The message names the configuration key at fault and is meant for the operator, without a
 * stack trace; it never contains a configured value.
 */
public class StartupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error with this message. */
  public StartupException(String message) {
    super(message);
  }

  /** An error with this message and the cause behind it. */
  public StartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
