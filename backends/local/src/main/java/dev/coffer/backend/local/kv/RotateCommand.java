package dev.coffer.backend.local.kv;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.Durations;
import dev.coffer.spi.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a {@code rotate_command} and answers what it printed. The command line is split on
 * whitespace and started directly (no shell, so no expansion or pipes), with stdin closed and
 * stderr discarded. A command that outlives its timeout is killed together with every process it
 * started. Errors name the exit status or the timeout only: what the command printed may be a
 * secret and never reaches an error or a log.
 */
final class RotateCommand {
  /** The most a command may print. */
  static final int MAX_OUTPUT = 64 * 1024;

  private RotateCommand() {}

  /**
   * Runs {@code commandLine} with these extra environment variables and answers its trimmed stdout.
   *
   * @throws CofferException 502 if it cannot start, exits non-zero, times out, prints nothing or
   *     prints too much
   */
  static String run(String commandLine, Duration timeout, Map<String, String> env) {
    List<String> argv = Arrays.asList(commandLine.trim().split("\\s+"));
    if (commandLine.isBlank()) {
      throw failure("rotate_command is empty");
    }
    ProcessBuilder pb = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().putAll(env);
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw failure("rotate command \"" + argv.get(0) + "\" could not be started");
    }
    try {
      process.getOutputStream().close();
    } catch (IOException ignored) {
      // The command does not read stdin.
    }
    CompletableFuture<byte[]> output =
        CompletableFuture.supplyAsync(() -> readBounded(process.getInputStream()));
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill(process);
        throw failure(
            "rotate command timed out after " + Durations.format(timeout) + " and was killed");
      }
      byte[] out = output.get(5, TimeUnit.SECONDS);
      if (process.exitValue() != 0) {
        throw failure("rotate command exited with status " + process.exitValue());
      }
      if (out == null) {
        throw failure("rotate command printed more than " + MAX_OUTPUT + " bytes");
      }
      String text = new String(out, StandardCharsets.UTF_8).trim();
      if (text.isEmpty()) {
        throw failure("rotate command printed nothing");
      }
      return text;
    } catch (InterruptedException e) {
      kill(process);
      Thread.currentThread().interrupt();
      throw failure("rotate command was interrupted");
    } catch (ExecutionException | TimeoutException e) {
      kill(process);
      throw failure("rotate command output could not be read");
    }
  }

  /** Kills the process and everything it started. */
  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Everything on the stream, or {@code null} if it is more than {@link #MAX_OUTPUT} bytes. */
  private static byte[] readBounded(InputStream in) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    boolean tooMuch = false;
    try (in) {
      int n;
      while ((n = in.read(chunk)) >= 0) {
        if (!tooMuch && buffer.size() + n <= MAX_OUTPUT) {
          buffer.write(chunk, 0, n);
        } else {
          tooMuch = true;
        }
      }
    } catch (IOException e) {
      return tooMuch ? null : buffer.toByteArray();
    }
    return tooMuch ? null : buffer.toByteArray();
  }

  private static CofferException failure(String message) {
    return new CofferException(ErrorCode.UPSTREAM_FAILURE, message);
  }
}
