package dev.coffer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The generic {@code read}, {@code write}, {@code list} and {@code delete} commands of the vault
 * CLI: any API path, e.g. {@code coffer read database/creds/readonly}.
 */
final class PathCommands {
  private PathCommands() {}

  /** Prints an answer as the vault CLI does: lease fields first, then the data as a table. */
  static void print(ClientCommand cmd, ApiResponse r, String field) {
    cmd.warnings(r);
    JsonNode body = r.body();
    JsonNode data = r.data();
    if (field != null) {
      JsonNode value = data.path(field);
      if (value.isMissingNode()) {
        throw new CliException("field '" + field + "' not present in the answer");
      }
      cmd.out().println(value.isValueNode() ? value.asText() : value.toString());
      cmd.out().flush();
      return;
    }
    if (cmd.json()) {
      Output.json(cmd.out(), body);
      return;
    }
    ObjectNode rows = CofferClient.JSON.createObjectNode();
    String leaseId = body.path("lease_id").asText("");
    if (!leaseId.isEmpty()) {
      rows.put("lease_id", leaseId);
      rows.set("lease_duration", body.path("lease_duration"));
      rows.set("lease_renewable", body.path("renewable"));
    }
    JsonNode auth = body.path("auth");
    if (auth.isObject()) {
      rows.set("token", auth.path("client_token"));
      rows.set("token_accessor", auth.path("accessor"));
      rows.set("token_duration", auth.path("lease_duration"));
      rows.set("token_renewable", auth.path("renewable"));
      rows.set("token_policies", auth.path("token_policies"));
    }
    if (data.isObject()) {
      data.fields().forEachRemaining(e -> rows.set(e.getKey(), e.getValue()));
    }
    Output.table(cmd.out(), rows);
  }

  /** {@code read PATH [key=value...]}. */
  @Command(name = "read", description = "Read data at a path.", mixinStandardHelpOptions = true)
  static final class Read extends ClientCommand {
    @Parameters(index = "0", paramLabel = "PATH", description = "e.g. database/creds/readonly")
    String path;

    @Parameters(index = "1..*", paramLabel = "K=V", description = "query parameters")
    List<String> query;

    @Option(
        names = {"-field", "--field"},
        paramLabel = "NAME",
        description = "Print only this field's value")
    String field;

    Read(CliContext ctx) {
      super(ctx);
    }

    @Override
    int run() {
      String target = path;
      if (query != null && !query.isEmpty()) {
        StringBuilder q = new StringBuilder();
        for (Map.Entry<String, Object> e : KvData.parse(query, ctx).entrySet()) {
          q.append(q.length() == 0 ? "?" : "&").append(e.getKey()).append('=').append(e.getValue());
        }
        target += q;
      }
      ApiResponse r = client().get(target);
      if (r.status() == 404 && r.errors().isEmpty()) {
        ctx.err().println("No value found at " + path);
        ctx.err().flush();
        return SERVER_ERROR;
      }
      r.orThrow();
      print(this, r, field);
      return 0;
    }
  }

  /** {@code write PATH key=value...}. */
  @Command(name = "write", description = "Write data to a path.", mixinStandardHelpOptions = true)
  static final class Write extends ClientCommand {
    @Parameters(index = "0", paramLabel = "PATH", description = "e.g. database/roles/readonly")
    String path;

    @Parameters(
        index = "1..*",
        paramLabel = "K=V",
        description = "key=value, key=@file, key=- (stdin), or - for a JSON object on stdin")
    List<String> pairs;

    @Option(
        names = {"-field", "--field"},
        paramLabel = "NAME",
        description = "Print only this field's value")
    String field;

    @Option(
        names = {"-force", "-f"},
        description = "Allow a write without data")
    boolean force;

    Write(CliContext ctx) {
      super(ctx);
    }

    @Override
    int run() {
      Map<String, Object> data =
          (pairs == null || pairs.isEmpty()) && force ? Map.of() : KvData.parse(pairs, ctx);
      ApiResponse r = client().put(path, data).orThrow();
      if (r.status() == 204 || r.body() == null || r.body().isNull() || r.body().isEmpty()) {
        return success("Data written to: " + path);
      }
      print(this, r, field);
      return 0;
    }
  }

  /** {@code list PATH}. */
  @Command(name = "list", description = "List keys under a path.", mixinStandardHelpOptions = true)
  static final class ListKeys extends ClientCommand {
    @Parameters(paramLabel = "PATH", description = "e.g. database/roles")
    String path;

    ListKeys(CliContext ctx) {
      super(ctx);
    }

    @Override
    int run() {
      ApiResponse r = client().list(path);
      if (r.status() == 404 && r.errors().isEmpty()) {
        ctx.err().println("No value found at " + path);
        ctx.err().flush();
        return SERVER_ERROR;
      }
      r.orThrow();
      warnings(r);
      if (json()) {
        Output.json(out(), r.body());
        return 0;
      }
      out().println("Keys");
      out().println("----");
      r.data().path("keys").forEach(k -> out().println(k.asText()));
      out().flush();
      return 0;
    }
  }

  /** {@code delete PATH}. */
  @Command(name = "delete", description = "Delete data at a path.", mixinStandardHelpOptions = true)
  static final class Delete extends ClientCommand {
    @Parameters(paramLabel = "PATH", description = "e.g. database/roles/readonly")
    String path;

    Delete(CliContext ctx) {
      super(ctx);
    }

    @Override
    int run() {
      client().delete(path).orThrow();
      return success("Data deleted (if it existed) at: " + path);
    }
  }
}
