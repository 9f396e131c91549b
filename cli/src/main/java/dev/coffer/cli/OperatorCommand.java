package dev.coffer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Console;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coffer operator}: initialise, unseal, seal, and rotate the encryption key. */
@Command(
    name = "operator",
    description = "Operate the server: init, unseal, seal, rotate, key-status.",
    mixinStandardHelpOptions = true,
    subcommands = {
      OperatorCommand.Init.class,
      OperatorCommand.Unseal.class,
      OperatorCommand.Seal.class,
      OperatorCommand.Rotate.class,
      OperatorCommand.KeyStatus.class
    })
final class OperatorCommand {

  /** {@code operator init}: {@code PUT sys/init}, prints the unseal keys and root token once. */
  @Command(name = "init", description = "Initialise the server.", mixinStandardHelpOptions = true)
  static final class Init extends ClientCommand {
    @Option(
        names = {"-key-shares", "--key-shares"},
        paramLabel = "N",
        description = "Number of unseal key shares (default 5)")
    int keyShares = 5;

    @Option(
        names = {"-key-threshold", "--key-threshold"},
        paramLabel = "N",
        description = "Shares needed to unseal (default 3)")
    int keyThreshold = 3;

    Init(CliContext ctx) {
      super(ctx);
    }

    @Override
    int run() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("secret_shares", keyShares);
      body.put("secret_threshold", keyThreshold);
      JsonNode r = client().put("sys/init", body).orThrow().body();
      if (json()) {
        Output.json(out(), r);
        return 0;
      }
      JsonNode keys = r.path("keys_base64").isArray() ? r.path("keys_base64") : r.path("keys");
      int i = 1;
      for (JsonNode k : keys) {
        out().println("Unseal Key " + i++ + ": " + k.asText());
      }
      out().println();
      out().println("Initial Root Token: " + r.path("root_token").asText());
      out().println();
      if (keys.size() > 0) {
        out()
            .println(
                "Coffer initialized with "
                    + keyShares
                    + " key shares and a key threshold of "
                    + keyThreshold
                    + ". Distribute the unseal keys to trusted people: "
                    + keyThreshold
                    + " of them are needed to unseal the server after every restart.");
        out().println();
        out().println("Coffer does not keep these keys. Without at least " + keyThreshold);
        out().println("of them, the data can never be read again.");
      } else {
        out().println("Coffer initialized; its seal unseals it automatically.");
      }
      out().flush();
      return 0;
    }
  }

  /** {@code operator unseal [KEY | -]}, or {@code -reset}: one share per call. */
  @Command(
      name = "unseal",
      description = "Provide one unseal key share (prompts when none is given).",
      mixinStandardHelpOptions = true)
  static final class Unseal extends ClientCommand {
    @Parameters(
        arity = "0..1",
        paramLabel = "KEY",
        description = "The key share; '-' reads it from stdin")
    String key;

    @Option(
        names = {"-reset", "--reset"},
        description = "Discard the shares entered so far")
    boolean reset;

    Unseal(CliContext ctx) {
      super(ctx);
    }

    @Override
    int run() {
      Map<String, Object> body = new LinkedHashMap<>();
      if (reset) {
        body.put("reset", true);
      } else {
        body.put("key", key());
      }
      JsonNode s = client().put("sys/unseal", body).orThrow().body();
      if (json()) {
        Output.json(out(), s);
      } else {
        Output.rows(out(), "Key", "Value", StatusCommand.rows(s));
      }
      return 0;
    }

    private String key() {
      if (key != null && !key.equals("-")) {
        return key;
      }
      if (key == null) {
        Console console = ctx.console();
        if (console == null) {
          throw new CliException(
              "an unseal key is required: pass it as an argument, or '-' to read it from stdin");
        }
        char[] typed = console.readPassword("Unseal Key (will be hidden): ");
        if (typed == null || typed.length == 0) {
          throw new CliException("no unseal key entered");
        }
        return new String(typed);
      }
      try {
        String line = ctx.readStdinLine();
        if (line == null || line.isBlank()) {
          throw new CliException("no unseal key on stdin");
        }
        return line.trim();
      } catch (IOException e) {
        throw new CliException("cannot read stdin");
      }
    }
  }

  /** {@code operator seal}: {@code PUT sys/seal}. */
  @Command(name = "seal", description = "Seal the server.", mixinStandardHelpOptions = true)
  static final class Seal extends ClientCommand {
    Seal(CliContext ctx) {
      super(ctx);
    }

    @Override
    int run() {
      client().put("sys/seal", Map.of()).orThrow();
      return success("Coffer is sealed.");
    }
  }

  /** {@code operator rotate}: {@code PUT sys/rotate}, then shows the new key term. */
  @Command(
      name = "rotate",
      description = "Add a new encryption key term (old data stays readable).",
      mixinStandardHelpOptions = true)
  static final class Rotate extends ClientCommand {
    Rotate(CliContext ctx) {
      super(ctx);
    }

    @Override
    int run() {
      client().put("sys/rotate", Map.of()).orThrow();
      ApiResponse status = client().get("sys/key-status").orThrow();
      if (json()) {
        Output.json(out(), status.body());
        return 0;
      }
      out().println("Success! Rotated key");
      out().println();
      Output.rows(out(), "Key", "Value", KeyStatus.rows(status));
      return 0;
    }
  }

  /** {@code operator key-status}: {@code GET sys/key-status}. */
  @Command(
      name = "key-status",
      description = "Show the current encryption key term.",
      mixinStandardHelpOptions = true)
  static final class KeyStatus extends ClientCommand {
    KeyStatus(CliContext ctx) {
      super(ctx);
    }

    @Override
    int run() {
      ApiResponse status = client().get("sys/key-status").orThrow();
      if (json()) {
        Output.json(out(), status.body());
      } else {
        Output.rows(out(), "Key", "Value", rows(status));
      }
      return 0;
    }

    static List<String[]> rows(ApiResponse status) {
      JsonNode d = status.data().isMissingNode() ? status.body() : status.data();
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"Key Term", Output.value(d.path("term"))});
      rows.add(new String[] {"Install Time", Output.value(d.path("install_time"))});
      if (d.has("encryptions")) {
        rows.add(new String[] {"Encryption Count", Output.value(d.path("encryptions"))});
      }
      return rows;
    }
  }
}
