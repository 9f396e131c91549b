package dev.coffer.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** One run of the CLI with captured output. */
record CliRun(int exitCode, String out, String err) {

  static CliRun run(Map<String, String> env, String stdin, Path home, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext ctx =
        new CliContext(
            env,
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            home,
            () -> null);
    int code = CofferCli.execute(ctx, args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
