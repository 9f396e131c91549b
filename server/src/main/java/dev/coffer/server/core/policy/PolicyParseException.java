package dev.coffer.server.core.policy;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;

/**
 * Policy text that cannot be parsed: a 400 whose message names the line and column, e.g. {@code
 * failed to parse policy: line 3, column 17: expected '=' after 'capabilities'}. The message quotes
 * keys and paths from the policy but never parameter values.
 */
public final class PolicyParseException extends CofferException {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final int column;
  private final String detail;

  /**
   * An error at a position of the policy text.
   *
   * @param line 1-based line
   * @param column 1-based column
   * @param detail what is wrong, without the position
   */
  public PolicyParseException(int line, int column, String detail) {
    super(
        ErrorCode.INVALID_REQUEST,
        "failed to parse policy: line " + line + ", column " + column + ": " + detail);
    this.line = line;
    this.column = column;
    this.detail = detail;
  }

  /** The 1-based line of the error. */
  public int line() {
    return line;
  }

  /** The 1-based column of the error. */
  public int column() {
    return column;
  }

  /** What is wrong, without the position. */
  public String detail() {
    return detail;
  }
}
