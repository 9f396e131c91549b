package dev.coffer.server.core.audit.sink;

import dev.coffer.spi.AuditSink;
import dev.coffer.spi.AuditSinkFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The {@code file} audit sink. Options: {@code file_path} (required; {@code stdout} and {@code
 * discard} as in Vault), {@code mode} (octal, default {@code 0600}; {@code 0000} leaves the mode
 * alone), {@code rotate_bytes} (rotate when the file reaches this size; 0, the default, never),
 * {@code rotate_keep} (rotated files kept; 0, the default, keeps all), {@code fsync} ({@code true}
 * forces every line to disk; default {@code false}).
 *
 * <p>A file moved or deleted under the server (logrotate) is noticed within {@link
 * #PATH_CHECK_MILLIS} and reopened at its path.
 */
public final class FileAuditSinkFactory implements AuditSinkFactory {
  /** At most this long passes between two checks that the file at the path is still ours. */
  public static final long PATH_CHECK_MILLIS = 10;

  private final Clock clock;

  /** A factory using the system clock for rotated file names. */
  public FileAuditSinkFactory() {
    this(Clock.systemUTC());
  }

  FileAuditSinkFactory(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String type() {
    return "file";
  }

  @Override
  public AuditSink create(Map<String, String> options) {
    String file = options.getOrDefault("file_path", "").trim();
    if (file.isEmpty()) {
      throw new IllegalArgumentException("file_path is required");
    }
    if (file.equals("stdout")) {
      return new StdoutAuditSinkFactory().create(options);
    }
    if (file.equals("discard")) {
      return entry -> {};
    }
    Path path;
    try {
      path = Path.of(file);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("file_path is not a valid path");
    }
    Set<PosixFilePermission> mode = mode(options.getOrDefault("mode", "0600"));
    long rotateBytes = number(options, "rotate_bytes");
    long keep = number(options, "rotate_keep");
    if (keep > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("rotate_keep is too large");
    }
    boolean fsync = Boolean.parseBoolean(options.getOrDefault("fsync", "false").trim());
    try {
      return new FileAuditSink(path, mode, rotateBytes, (int) keep, fsync, clock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + file + ": " + describe(e), e);
    }
  }

  private static String describe(IOException e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
  }

  /** The permissions of an octal mode, or {@code null} for {@code 0000} (leave alone). */
  static Set<PosixFilePermission> mode(String raw) {
    int bits;
    try {
      bits = Integer.parseInt(raw.trim(), 8);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("mode must be an octal number such as 0600");
    }
    if (bits < 0 || bits > 0777) {
      throw new IllegalArgumentException("mode must be an octal number such as 0600");
    }
    if ((bits & 0111) != 0) {
      throw new IllegalArgumentException("mode must not contain executable permissions");
    }
    if (bits == 0) {
      return null;
    }
    Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] order = {
      PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
      PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_READ,
      PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
      PosixFilePermission.OTHERS_EXECUTE
    };
    for (int i = 0; i < 9; i++) {
      if ((bits & (0400 >> i)) != 0) {
        out.add(order[i]);
      }
    }
    return out;
  }

  private static long number(Map<String, String> options, String key) {
    String raw = options.getOrDefault(key, "0").trim();
    try {
      long n = raw.isEmpty() ? 0 : Long.parseLong(raw);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number of 0 or more");
    }
  }
}
