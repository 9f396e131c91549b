package dev.coffer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code killswitch [--rotate] [--seal]}: revokes every lease and every non-root token through
 * {@code sys/killswitch} and prints what was revoked, rotated and what failed.
 */
@Command(
    name = "killswitch",
    description =
        "Revoke every lease and every non-root token now; optionally rotate every configured"
            + " secret and seal afterwards.",
    mixinStandardHelpOptions = true)
final class KillswitchCommand extends ClientCommand {
  @Option(
      names = {"--rotate", "-rotate"},
      description = "Also run every configured rotator")
  boolean rotate;

  @Option(
      names = {"--seal", "-seal"},
      description = "Seal the server afterwards")
  boolean seal;

  KillswitchCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  int run() {
    ApiResponse r = client().put("sys/killswitch", Map.of("rotate", rotate, "seal", seal));
    r.orThrow();
    warnings(r);
    if (json()) {
      Output.json(out(), r.body());
      return 0;
    }
    JsonNode d = r.data();
    out().println("Killswitch fired.");
    out().println("Revoked leases:  " + d.path("revoked_leases").asLong());
    out().println("Revoked tokens:  " + d.path("revoked_tokens").asLong());
    out().println("Rotated secrets: " + d.path("rotated").size());
    d.path("rotated").forEach(x -> out().println("  rotated " + x.asText()));
    JsonNode failures = d.path("failures");
    out().println("Failures:        " + failures.size());
    failures.forEach(
        f -> out().println("  " + f.path("what").asText() + ": " + f.path("error").asText()));
    out().println("Sealed:          " + d.path("sealed").asBoolean());
    out().flush();
    return failures.isEmpty() ? 0 : SERVER_ERROR;
  }
}
