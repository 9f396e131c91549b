package dev.coffer.cli;

import dev.coffer.server.core.audit.AuditChainVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code coffer audit}: offline tools for audit files. */
@Command(
    name = "audit",
    description = "Work with audit files: verify.",
    mixinStandardHelpOptions = true,
    subcommands = {AuditCommand.Verify.class})
final class AuditCommand {

  /**
   * {@code audit verify FILE...}: checks the hash chain of audit files (oldest first). Exit 0 with
   * a count when intact; 1 with the first broken line otherwise; 2 when a file cannot be read.
   */
  @Command(
      name = "verify",
      description =
          "Check the hash chain of audit files, oldest first (exit 0 intact, 1 broken, 2 unreadable).",
      mixinStandardHelpOptions = true)
  static final class Verify implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Audit files, oldest first")
    List<Path> files;

    private final CliContext ctx;

    Verify(CliContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public Integer call() {
      for (Path f : files) {
        if (!Files.isRegularFile(f)) {
          ctx.err().println("Error: " + f + " is not a readable file");
          ctx.err().flush();
          return 2;
        }
      }
      AuditChainVerifier.Result r;
      try {
        r = AuditChainVerifier.verify(files);
      } catch (IOException e) {
        ctx.err().println("Error reading audit files: " + e.getMessage());
        ctx.err().flush();
        return 2;
      }
      if (r.intact()) {
        ctx.out().println("OK: " + r.message());
        ctx.out().flush();
        return 0;
      }
      ctx.err().println("FAILED: " + r.message());
      ctx.err().flush();
      return 1;
    }
  }
}
