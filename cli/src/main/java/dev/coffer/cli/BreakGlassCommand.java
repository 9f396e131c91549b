package dev.coffer.cli;

import java.io.Console;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code break-glass request|approve|deny|claim|revoke|list|lookup}: emergency access over {@code
 * sys/break-glass/} (see docs/break-glass.md).
 */
@Command(
    name = "break-glass",
    description = "Request, approve, claim and revoke break-glass access.",
    mixinStandardHelpOptions = true,
    subcommands = {
      BreakGlassCommand.Request.class,
      BreakGlassCommand.Approve.class,
      BreakGlassCommand.Deny.class,
      BreakGlassCommand.Claim.class,
      BreakGlassCommand.Revoke.class,
      BreakGlassCommand.ListRequests.class,
      BreakGlassCommand.Lookup.class
    })
final class BreakGlassCommand {

  /** {@code break-glass request -reason=... [-policy=P...] [-path=PATH...] [-ttl=30m]}. */
  @Command(
      name = "request",
      description =
          "Ask for break-glass access with a reason and a fresh TOTP code (prompted if not given).",
      mixinStandardHelpOptions = true)
  static final class Request extends ClientCommand {
    @Option(
        names = {"-reason", "--reason"},
        required = true,
        description = "Why access is needed")
    String reason;

    @Option(
        names = {"-policy", "--policy"},
        paramLabel = "POLICY",
        description = "A break-glass policy to grant (repeatable)")
    List<String> policies;

    @Option(
        names = {"-path", "--path"},
        paramLabel = "PATH",
        description = "A path to grant through a generated policy (repeatable)")
    List<String> paths;

    @Option(
        names = {"-capability", "--capability"},
        paramLabel = "CAP",
        description = "Capabilities on -path (repeatable; default read)")
    List<String> capabilities;

    @Option(
        names = {"-ttl", "--ttl"},
        paramLabel = "DURATION",
        description = "The window, e.g. 30m (at most the configured max_ttl)")
    String ttl;

    @Option(
        names = {"-mfa-code", "--mfa-code"},
        paramLabel = "CODE",
        description = "A fresh TOTP code; prompted for (or read from stdin) when absent")
    String mfaCode;

    Request(CliContext ctx) {
      super(ctx);
    }

    @Override
    int run() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("reason", reason);
      if (policies != null) {
        body.put("policies", policies);
      }
      if (paths != null) {
        body.put("paths", paths);
      }
      if (capabilities != null) {
        body.put("capabilities", capabilities);
      }
      if (ttl != null) {
        body.put("ttl", ttl);
      }
      body.put("mfa_code", mfaCode != null ? mfaCode : promptCode());
      ApiResponse r = client().put("sys/break-glass/request", body).orThrow();
      PathCommands.print(this, r, null);
      return 0;
    }

    private String promptCode() {
      Console console = ctx.console();
      String code;
      if (console != null) {
        code = console.readLine("TOTP code: ");
      } else {
        try {
          code = ctx.readStdinLine();
        } catch (IOException e) {
          throw new CliException("cannot read stdin");
        }
      }
      if (code == null || code.isBlank()) {
        throw new CliException("a TOTP code is required: pass -mfa-code or type it when asked");
      }
      return code.trim();
    }
  }

  /** A command that POSTs to {@code sys/break-glass/<action>/ID} and prints the answer. */
  abstract static class Action extends ClientCommand {
    @Parameters(paramLabel = "ID", description = "The break-glass request id")
    String id;

    Action(CliContext ctx) {
      super(ctx);
    }

    abstract String action();

    @Override
    int run() {
      ApiResponse r = client().put("sys/break-glass/" + action() + "/" + id, Map.of()).orThrow();
      PathCommands.print(this, r, null);
      return 0;
    }
  }

  /** {@code break-glass approve ID}. */
  @Command(
      name = "approve",
      description = "Approve another operator's request.",
      mixinStandardHelpOptions = true)
  static final class Approve extends Action {
    Approve(CliContext ctx) {
      super(ctx);
    }

    @Override
    String action() {
      return "approve";
    }
  }

  /** {@code break-glass deny ID}. */
  @Command(name = "deny", description = "Deny a pending request.", mixinStandardHelpOptions = true)
  static final class Deny extends Action {
    Deny(CliContext ctx) {
      super(ctx);
    }

    @Override
    String action() {
      return "deny";
    }
  }

  /** {@code break-glass claim ID}. */
  @Command(
      name = "claim",
      description = "Take the token of your granted request (once).",
      mixinStandardHelpOptions = true)
  static final class Claim extends Action {
    Claim(CliContext ctx) {
      super(ctx);
    }

    @Override
    String action() {
      return "claim";
    }
  }

  /** {@code break-glass revoke ID}. */
  @Command(
      name = "revoke",
      description = "End a grant now: revoke its token and generated policy.",
      mixinStandardHelpOptions = true)
  static final class Revoke extends Action {
    Revoke(CliContext ctx) {
      super(ctx);
    }

    @Override
    String action() {
      return "revoke";
    }
  }

  /** {@code break-glass list}. */
  @Command(
      name = "list",
      description = "List break-glass requests.",
      mixinStandardHelpOptions = true)
  static final class ListRequests extends ClientCommand {
    ListRequests(CliContext ctx) {
      super(ctx);
    }

    @Override
    int run() {
      ApiResponse r = client().list("sys/break-glass/requests").orThrow();
      if (json()) {
        Output.json(out(), r.body());
        return 0;
      }
      var info = r.data().path("key_info");
      out().printf("%-36s  %-8s  %-20s  %s%n", "ID", "State", "Requester", "Reason");
      r.data()
          .path("keys")
          .forEach(
              k -> {
                var row = info.path(k.asText());
                out()
                    .printf(
                        "%-36s  %-8s  %-20s  %s%n",
                        k.asText(),
                        row.path("state").asText(),
                        row.path("requester").asText(),
                        row.path("reason").asText());
              });
      out().flush();
      return 0;
    }
  }

  /** {@code break-glass lookup ID}. */
  @Command(name = "lookup", description = "Show one request.", mixinStandardHelpOptions = true)
  static final class Lookup extends ClientCommand {
    @Parameters(paramLabel = "ID")
    String id;

    Lookup(CliContext ctx) {
      super(ctx);
    }

    @Override
    int run() {
      PathCommands.print(this, client().get("sys/break-glass/lookup/" + id).orThrow(), null);
      return 0;
    }
  }
}
