package dev.coffer.cli;

/**
 * Entry point of the {@code coffer} launcher. {@code coffer server} with plain arguments starts
 * without touching picocli (see {@link ServerArgs}): this class names no picocli type, so the JVM
 * does not load any while it checks the main class. Every other command line goes to {@link
 * CofferCli}.
 */
public final class CofferMain {
  private CofferMain() {}

  /** Runs one command line and exits, unless a server was started. */
  public static void main(String[] args) {
    CliContext ctx = CliContext.system();
    ServerCommand server = ServerArgs.parse(ctx, args);
    int code = server != null ? server.execute() : CofferCli.execute(ctx, args);
    if (code != 0 || !ServerCommand.keepsRunning()) {
      System.exit(code);
    }
  }
}
