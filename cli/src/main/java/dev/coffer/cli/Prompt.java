package dev.coffer.cli;

import java.io.Console;
import java.io.IOException;

/**
 * Asks the user for a value: on the terminal (hidden for secrets), or as one line of standard input
 * when there is no terminal (piped input).
 */
final class Prompt {
  private Prompt() {}

  /** A secret, typed without echo on a terminal. */
  static String secret(CliContext ctx, String label) {
    Console console = ctx.console();
    if (console != null) {
      char[] typed = console.readPassword("%s", label);
      if (typed == null) {
        throw new CliException("no " + label.trim() + " given");
      }
      return new String(typed);
    }
    return line(ctx, label);
  }

  /** A value from the terminal, or one line of standard input. */
  static String visible(CliContext ctx, String label) {
    Console console = ctx.console();
    if (console != null) {
      String typed = console.readLine("%s", label);
      if (typed == null) {
        throw new CliException("no " + label.trim() + " given");
      }
      return typed.trim();
    }
    return line(ctx, label);
  }

  private static String line(CliContext ctx, String label) {
    try {
      String v = ctx.readStdinLine();
      if (v == null || v.isBlank()) {
        throw new CliException("no " + label.replace(":", "").trim() + " given");
      }
      return v.strip();
    } catch (IOException e) {
      throw new CliException("cannot read standard input");
    }
  }
}
