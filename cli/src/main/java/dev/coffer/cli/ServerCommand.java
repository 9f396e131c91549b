package dev.coffer.cli;

import dev.coffer.config.CofferConfig;
import dev.coffer.config.ConfigException;
import dev.coffer.config.ConfigLoader;
import dev.coffer.config.LogLevel;
import dev.coffer.server.CofferServer;
import dev.coffer.server.DevMode;
import dev.coffer.server.DevOptions;
import dev.coffer.server.LogSetup;
import dev.coffer.server.StartupException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code coffer server}: starts a server from {@code -config FILE} (plus {@code COFFER_*}
 * variables), or a dev server with {@code -dev}. Runs until interrupted; bad configuration prints
 * one {@code Error:} line naming the key and exits 1.
 */
@Command(name = "server", description = "Start a Coffer server.", mixinStandardHelpOptions = true)
final class ServerCommand implements Callable<Integer> {
  private static volatile boolean running;

  private final CliContext ctx;

  @Option(
      names = {"-config", "--config"},
      paramLabel = "FILE",
      description = "YAML configuration file (COFFER_* environment variables override it)")
  Path config;

  @Option(
      names = {"-dev", "--dev"},
      description = "Start an initialised, unsealed in-memory dev server")
  boolean dev;

  @Option(
      names = {"-dev-root-token-id", "--dev-root-token-id"},
      paramLabel = "ID",
      description = "Root token id for dev mode (default: random)")
  String devRootTokenId;

  @Option(
      names = {"-dev-listen-address", "--dev-listen-address"},
      paramLabel = "HOST:PORT",
      description = "Address for dev mode (default 127.0.0.1:8200)")
  String devListenAddress;

  @Option(
      names = {"-dev-data-dir", "--dev-data-dir"},
      paramLabel = "DIR",
      description = "Keep dev-mode data in DIR across restarts (default: in memory)")
  Path devDataDir;

  ServerCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  /** Whether a server started and the JVM must stay up after {@code main} returns. */
  static boolean keepsRunning() {
    return running;
  }

  /**
   * Runs the command as picocli would after parsing: the exit code of {@link #call()}, or 1 with
   * one {@code Error:} line (never a stack trace) when it fails unexpectedly.
   */
  int execute() {
    try {
      return call();
    } catch (RuntimeException e) {
      ctx.err().println("Error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      ctx.err().flush();
      return ClientCommand.LOCAL_ERROR;
    }
  }

  @Override
  public Integer call() {
    CofferServer server;
    try {
      server = start();
    } catch (ConfigException | StartupException e) {
      ctx.err().println("Error: " + e.getMessage());
      ctx.err().flush();
      return 1;
    }
    running = true;
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "coffer-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /** Starts the server and prints how to reach it. */
  CofferServer start() {
    if (!dev && (devRootTokenId != null || devListenAddress != null || devDataDir != null)) {
      throw new StartupException("the -dev-* options need -dev");
    }
    if (dev) {
      if (config != null) {
        throw new StartupException("-config and -dev cannot be used together");
      }
      LogSetup.apply(logLevelFromEnv());
      DevOptions options = new DevOptions(devRootTokenId, devListenAddress, devDataDir);
      CofferServer server = CofferServer.startDev(options);
      ctx.out()
          .println(DevMode.banner(server.address(), server.devRootToken().orElse(""), options));
      ctx.out().flush();
      return server;
    }
    CofferConfig cfg = ConfigLoader.load(config, ctx.environment());
    LogSetup.apply(cfg.logLevel());
    CofferServer server = CofferServer.start(cfg);
    ctx.out().println("Coffer server started! Listening on " + server.address());
    ctx.out()
        .println(
            server.core().initialized()
                ? (server.core().sealed()
                    ? "The server is sealed: run 'coffer operator unseal'."
                    : "")
                : "The server is not initialised: run 'coffer operator init'.");
    ctx.out().flush();
    return server;
  }

  private LogLevel logLevelFromEnv() {
    String level = ctx.env("COFFER_LOG_LEVEL");
    if (level == null) {
      return LogLevel.INFO;
    }
    return CofferConfig.builder().logLevel(level).build().logLevel();
  }
}
