package dev.coffer.cli;

import java.lang.reflect.Constructor;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code coffer} command: the server launcher and a Vault-compatible client. */
@Command(
    name = "coffer",
    mixinStandardHelpOptions = true,
    versionProvider = CofferCli.Version.class,
    description = "Coffer: a secrets server that speaks the Vault HTTP API.",
    subcommands = {
      ServerCommand.class,
      StatusCommand.class,
      OperatorCommand.class,
      KvCommand.class,
      LoginCommand.class,
      MfaCommand.class,
      AuditCommand.class,
      PathCommands.Read.class,
      PathCommands.Write.class,
      PathCommands.ListKeys.class,
      PathCommands.Delete.class,
      LeaseCommand.class,
      KillswitchCommand.class,
      BreakGlassCommand.class,
      CommandLine.HelpCommand.class
    })
public final class CofferCli implements Runnable {
  private final CliContext ctx;

  /** The root command over this context. */
  public CofferCli(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void run() {
    new CommandLine(this, new ContextFactory(ctx)).usage(ctx.out());
  }

  /** Entry point; the launcher uses {@link CofferMain}, which starts a server faster. */
  public static void main(String[] args) {
    CofferMain.main(args);
  }

  /**
   * Runs one command line in {@code ctx} and returns its exit code. {@code coffer server} with
   * plain arguments runs without picocli ({@link ServerArgs}); with others it builds only its own
   * command: picocli would otherwise build the model of every client command by reflection first, a
   * large part of the server's start-up.
   */
  public static int execute(CliContext ctx, String... args) {
    ServerCommand plain = ServerArgs.parse(ctx, args);
    if (plain != null) {
      return plain.execute();
    }
    if (args.length > 0 && "server".equals(args[0])) {
      CommandLine server = configure(new CommandLine(new ServerCommand(ctx)), ctx);
      server.setCommandName("coffer server");
      return server.execute(Arrays.copyOfRange(args, 1, args.length));
    }
    return commandLine(ctx).execute(args);
  }

  /** The configured picocli command line over {@code ctx}. */
  static CommandLine commandLine(CliContext ctx) {
    return configure(new CommandLine(new CofferCli(ctx), new ContextFactory(ctx)), ctx);
  }

  private static CommandLine configure(CommandLine cmd, CliContext ctx) {
    cmd.setOut(ctx.out());
    cmd.setErr(ctx.err());
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    cmd.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          // Never a stack trace for the user; the message is enough.
          ctx.err().println("Error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
          ctx.err().flush();
          return ClientCommand.LOCAL_ERROR;
        });
    return cmd;
  }

  /** Creates commands with the {@link CliContext}, when they take one. */
  static final class ContextFactory implements CommandLine.IFactory {
    private final CliContext ctx;

    ContextFactory(CliContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
      if (cls == CofferCli.class) {
        return cls.cast(new CofferCli(ctx));
      }
      try {
        Constructor<K> c = cls.getDeclaredConstructor(CliContext.class);
        c.setAccessible(true);
        return c.newInstance(ctx);
      } catch (NoSuchMethodException e) {
        return CommandLine.defaultFactory().create(cls);
      }
    }
  }

  /** The version from the jar's manifest, or "dev" in a build tree. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = CofferCli.class.getPackage().getImplementationVersion();
      return new String[] {"Coffer " + (v == null ? "dev" : v)};
    }
  }
}
