package dev.coffer.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a command may touch outside itself: environment, standard streams, home directory and the
 * console. Tests pass their own, so no command reads {@link System#getenv()} directly.
 */
public final class CliContext {
  private final Map<String, String> env;
  private final InputStream in;
  private final PrintWriter out;
  private final PrintWriter err;
  private final Path home;
  private final Supplier<Console> console;

  /**
   * A context.
   *
   * @param env the environment
   * @param in standard input
   * @param out standard output
   * @param err standard error
   * @param home the user's home directory (for {@code ~/.coffer-token}), or {@code null}
   * @param console the interactive console, or a supplier of {@code null} when there is none
   */
  public CliContext(
      Map<String, String> env,
      InputStream in,
      PrintWriter out,
      PrintWriter err,
      Path home,
      Supplier<Console> console) {
    this.env = Map.copyOf(env);
    this.in = in;
    this.out = out;
    this.err = err;
    this.home = home;
    this.console = console;
  }

  /** The context of the running process. */
  public static CliContext system() {
    String home = System.getProperty("user.home");
    return new CliContext(
        System.getenv(),
        System.in,
        new PrintWriter(System.out, true, StandardCharsets.UTF_8),
        new PrintWriter(System.err, true, StandardCharsets.UTF_8),
        home == null ? null : Path.of(home),
        System::console);
  }

  /** An environment variable, or {@code null} when unset or empty. */
  public String env(String name) {
    String v = env.get(name);
    return v == null || v.isEmpty() ? null : v;
  }

  /** The whole environment. */
  public Map<String, String> environment() {
    return env;
  }

  /** Standard output. */
  public PrintWriter out() {
    return out;
  }

  /** Standard error. */
  public PrintWriter err() {
    return err;
  }

  /** The home directory, or {@code null}. */
  public Path home() {
    return home;
  }

  /** The interactive console, or {@code null} when stdin is not a terminal. */
  public Console console() {
    return console.get();
  }

  /** All of standard input as UTF-8. */
  public String readStdin() throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  /** One line of standard input, or {@code null} at its end. */
  public String readStdinLine() throws IOException {
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
  }
}
