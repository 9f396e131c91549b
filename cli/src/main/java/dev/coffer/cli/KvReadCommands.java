package dev.coffer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kv get} and {@code kv list}. */
final class KvReadCommands {
  private KvReadCommands() {}

  /** {@code kv get [-version=N] [-field=NAME] PATH}. */
  @Command(name = "get", description = "Read a secret.", mixinStandardHelpOptions = true)
  static final class Get extends KvCommand.KvSubcommand {
    @Parameters(paramLabel = "PATH", description = "e.g. secret/app, or app with -mount")
    String path;

    @Option(
        names = {"-version"},
        paramLabel = "N",
        description = "Version to read (KV v2; default latest)")
    Integer version;

    @Option(
        names = {"-field", "--field"},
        paramLabel = "NAME",
        description = "Print only this field's value")
    String field;

    Get(CliContext ctx) {
      super(ctx);
    }

    @Override
    int run() {
      KvPath p = resolve(path);
      String apiPath = p.data();
      if (version != null) {
        p.requireV2("-version");
        apiPath += "?version=" + version;
      }
      ApiResponse r = client().get(apiPath);
      boolean v2 = p.version() == 2;
      JsonNode data = v2 ? r.data().path("data") : r.data();
      JsonNode metadata = v2 ? r.data().path("metadata") : null;
      if (r.status() == 404) {
        if (metadata != null && metadata.isObject()) {
          ctx.err()
              .println(
                  "Version "
                      + metadata.path("version").asText()
                      + " of "
                      + p.v2("data")
                      + " is "
                      + (metadata.path("destroyed").asBoolean() ? "destroyed" : "deleted"));
        } else {
          ctx.err().println("No value found at " + p.data());
        }
        ctx.err().flush();
        return SERVER_ERROR;
      }
      r.orThrow();
      warnings(r);
      if (field != null) {
        JsonNode value = data.path(field);
        if (value.isMissingNode()) {
          throw new CliException("field '" + field + "' not present in secret");
        }
        out().println(value.isValueNode() ? value.asText() : value.toString());
        out().flush();
        return 0;
      }
      if (json()) {
        Output.json(out(), r.body());
      } else {
        KvOutput.secret(out(), p.data(), data, metadata);
      }
      return 0;
    }
  }

  /** {@code kv list PATH}: the keys under a path, folders ending in {@code /}. */
  @Command(
      name = "list",
      description = "List the keys under a path.",
      mixinStandardHelpOptions = true)
  static final class ListKeys extends KvCommand.KvSubcommand {
    @Parameters(paramLabel = "PATH", arity = "0..1", description = "e.g. secret/ or secret/app/")
    String path;

    ListKeys(CliContext ctx) {
      super(ctx);
    }

    @Override
    int run() {
      KvPath p = resolve(path);
      String apiPath = (p.version() == 2 ? p.v2("metadata") : p.v1());
      if (!apiPath.endsWith("/")) {
        apiPath += "/";
      }
      ApiResponse r = client().list(apiPath);
      if (r.status() == 404) {
        ctx.err().println("No value found at " + apiPath);
        ctx.err().flush();
        return SERVER_ERROR;
      }
      r.orThrow();
      JsonNode keys = r.data().path("keys");
      if (json()) {
        Output.json(out(), keys);
        return 0;
      }
      out().println("Keys");
      out().println("----");
      keys.forEach(k -> out().println(k.asText()));
      out().flush();
      return 0;
    }
  }
}
