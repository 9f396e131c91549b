package dev.coffer.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kv put} and {@code kv patch}. */
final class KvWriteCommands {
  private KvWriteCommands() {}

  /** Shared arguments: the path, then the data. */
  abstract static class Write extends KvCommand.KvSubcommand {
    @Parameters(index = "0", paramLabel = "PATH", description = "e.g. secret/app")
    String path;

    @Parameters(
        index = "1..*",
        paramLabel = "DATA",
        description = "key=value, key=@file, key=- (stdin), or - for a JSON object on stdin")
    List<String> data;

    @Option(
        names = {"-cas", "--cas"},
        paramLabel = "N",
        description = "Check-and-set: write only if the current version is N (0: only if new)")
    Integer cas;

    Write(CliContext ctx) {
      super(ctx);
    }

    /** The KV v2 body: {@code {"data": {...}, "options": {"cas": N}}}. */
    Map<String, Object> v2Body(Map<String, Object> values) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("data", values);
      if (cas != null) {
        body.put("options", Map.of("cas", cas));
      }
      return body;
    }

    int printed(KvPath p, ApiResponse r) {
      warnings(r);
      if (json()) {
        Output.json(out(), r.body());
      } else if (r.data().isObject()) {
        out().println("== Secret Path ==");
        out().println(p.data());
        out().println();
        out().println("======= Metadata =======");
        Output.table(out(), r.data());
      } else {
        return success("Data written to: " + p.data());
      }
      return 0;
    }
  }

  /** {@code kv put [-cas=N] PATH key=value...}: writes a new version. */
  @Command(
      name = "put",
      description = "Write a secret (a new version on KV v2).",
      mixinStandardHelpOptions = true)
  static final class Put extends Write {
    Put(CliContext ctx) {
      super(ctx);
    }

    @Override
    int run() {
      Map<String, Object> values = KvData.parse(data, ctx);
      KvPath p = resolve(path);
      ApiResponse r;
      if (p.version() == 2) {
        r = client().post(p.data(), v2Body(values)).orThrow();
      } else {
        if (cas != null) {
          throw new CliException("-cas is only supported on KV version 2");
        }
        r = client().post(p.v1(), values).orThrow();
      }
      return printed(p, r);
    }
  }

  /** {@code kv patch [-cas=N] PATH key=value...}: merges into the latest version (KV v2). */
  @Command(
      name = "patch",
      description = "Merge keys into the latest version of a secret (KV v2).",
      mixinStandardHelpOptions = true)
  static final class Patch extends Write {
    Patch(CliContext ctx) {
      super(ctx);
    }

    @Override
    int run() {
      Map<String, Object> values = KvData.parse(data, ctx);
      KvPath p = resolve(path);
      p.requireV2("kv patch");
      return printed(p, client().patch(p.data(), v2Body(values)).orThrow());
    }
  }
}
