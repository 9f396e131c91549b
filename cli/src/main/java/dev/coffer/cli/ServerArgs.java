package dev.coffer.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads the arguments of {@code coffer server} without picocli, for a faster start: picocli's ~170
 * classes are compiled for Java 5, so the JVM cannot keep them in a class data sharing archive and
 * must load, verify and reflect over them on every start.
 *
 * <p>Only the plain forms are read here: {@code -config FILE}, {@code -config=FILE}, {@code -dev},
 * the {@code -dev-*} options with a value, each with one or two dashes and at most once. Anything
 * else (help, version, an unknown or repeated option, a missing value, an {@code @file}, {@code
 * --}) gives {@code null}, and the caller hands the arguments to picocli, which parses them (or
 * explains what is wrong) exactly as before.
 */
final class ServerArgs {
  private ServerArgs() {}

  /**
   * The {@code server} command for {@code args} (the whole command line, starting with {@code
   * server}), or {@code null} when picocli must parse them.
   */
  static ServerCommand parse(CliContext ctx, String... args) {
    if (args.length == 0 || !"server".equals(args[0])) {
      return null;
    }
    ServerCommand cmd = new ServerCommand(ctx);
    Set<String> seen = new HashSet<>();
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      String option = canonical(name);
      if (option == null || !seen.add(option)) {
        return null;
      }
      if (option.equals("dev")) {
        if (value != null) {
          return null;
        }
        cmd.dev = true;
        continue;
      }
      if (value == null) {
        if (i + 1 == args.length) {
          return null;
        }
        value = args[++i];
      }
      if (value.isEmpty() || value.startsWith("-") || value.startsWith("@")) {
        return null;
      }
      if (!set(cmd, option, value)) {
        return null;
      }
    }
    return cmd;
  }

  /** The option's name without its dashes, or {@code null} when it is not an option. */
  private static String canonical(String name) {
    if (name.startsWith("--")) {
      return name.substring(2);
    }
    return name.startsWith("-") ? name.substring(1) : null;
  }

  /** Sets an option that takes a value; {@code false} for any option not read here. */
  private static boolean set(ServerCommand cmd, String option, String value) {
    switch (option) {
      case "config":
        cmd.config = path(value);
        return cmd.config != null;
      case "dev-data-dir":
        cmd.devDataDir = path(value);
        return cmd.devDataDir != null;
      case "dev-root-token-id":
        cmd.devRootTokenId = value;
        return true;
      case "dev-listen-address":
        cmd.devListenAddress = value;
        return true;
      default:
        return false;
    }
  }

  private static Path path(String value) {
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      return null;
    }
  }
}
