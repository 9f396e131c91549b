package dev.coffer.cli;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code coffer mfa}: multi-factor authentication for the caller. */
@Command(
    name = "mfa",
    description = "Multi-factor authentication.",
    mixinStandardHelpOptions = true,
    subcommands = {MfaCommand.Enroll.class})
final class MfaCommand {

  /**
   * {@code coffer mfa enroll -method-id=<id>}: generates the caller's TOTP secret ({@code
   * identity/mfa/method/totp/generate}) and prints the {@code otpauth://} URL and the secret to add
   * to an authenticator app. The secret is shown this once.
   */
  @Command(
      name = "enroll",
      description = "Enrol the caller's entity in a TOTP MFA method.",
      mixinStandardHelpOptions = true)
  static final class Enroll extends ClientCommand {
    @Option(
        names = {"-method-id", "--method-id"},
        paramLabel = "ID",
        required = true,
        description = "The TOTP method id")
    String methodId;

    Enroll(CliContext ctx) {
      super(ctx);
    }

    @Override
    int run() {
      ApiResponse r =
          client()
              .post("identity/mfa/method/totp/generate", Map.of("method_id", methodId))
              .orThrow();
      String url = r.data().path("url").asText("");
      if (url.isEmpty()) {
        warnings(r);
        throw new CliException("not enrolled: this entity already has a secret for the method");
      }
      if (json()) {
        Output.json(out(), r.body());
        return 0;
      }
      out().println("Add this key to your authenticator app (it is shown only this once):");
      out().println();
      Output.rows(
          out(),
          "Key",
          "Value",
          java.util.List.of(new String[] {"url", url}, new String[] {"secret", secret(url)}));
      out().flush();
      return 0;
    }

    private static String secret(String url) {
      for (String part : url.substring(url.indexOf('?') + 1).split("&")) {
        if (part.startsWith("secret=")) {
          return part.substring("secret=".length());
        }
      }
      return "";
    }
  }
}
