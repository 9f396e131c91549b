package dev.coffer.cli;

/** A local error (bad argument, unreadable file): printed as {@code Error: <message>}, exit 1. */
public class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error with this message. */
  public CliException(String message) {
    super(message);
  }
}
