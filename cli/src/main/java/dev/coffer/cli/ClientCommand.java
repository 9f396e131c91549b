package dev.coffer.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * Base of every command that talks to a server: the shared options, the client, the output, and one
 * place that turns errors into {@code Error: ...} lines and exit codes (1 local, 2 server).
 */
abstract class ClientCommand implements Callable<Integer> {
  /** Exit code for a local error: bad argument, unreachable server. */
  static final int LOCAL_ERROR = 1;

  /** Exit code for an error the server answered. */
  static final int SERVER_ERROR = 2;

  protected final CliContext ctx;

  @Mixin ClientOptions options;

  private CofferClient client;

  ClientCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  /** The command's work; returns the exit code. */
  abstract int run();

  @Override
  public final Integer call() {
    try {
      return run();
    } catch (ApiException e) {
      ctx.err().println("Error: " + e.getMessage());
      ctx.err().flush();
      return SERVER_ERROR;
    } catch (CliException e) {
      ctx.err().println("Error: " + e.getMessage());
      ctx.err().flush();
      return LOCAL_ERROR;
    }
  }

  CofferClient client() {
    if (client == null) {
      client = options.client(ctx);
    }
    return client;
  }

  boolean json() {
    return options.format(ctx) == ClientOptions.Format.json;
  }

  PrintWriter out() {
    return ctx.out();
  }

  /** Prints the answer's warnings to stderr, as the vault CLI does. */
  void warnings(ApiResponse r) {
    for (String w : r.warnings()) {
      ctx.err().println("WARNING! " + w);
    }
    ctx.err().flush();
  }

  /** {@code Success! <message>} on stdout. */
  int success(String message) {
    out().println("Success! " + message);
    out().flush();
    return 0;
  }
}
