package dev.coffer.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kv delete}, {@code kv undelete}, {@code kv destroy}: act on versions of a secret. */
final class KvVersionCommands {
  private KvVersionCommands() {}

  /** Shared arguments: the path and {@code -versions=1,2}. */
  abstract static class Versioned extends KvCommand.KvSubcommand {
    @Parameters(paramLabel = "PATH", description = "e.g. secret/app")
    String path;

    @Option(
        names = {"-versions", "--versions"},
        paramLabel = "N,N",
        split = ",",
        description = "Versions, comma-separated")
    List<Integer> versions;

    Versioned(CliContext ctx) {
      super(ctx);
    }

    List<Integer> requiredVersions() {
      if (versions == null || versions.isEmpty()) {
        throw new CliException("-versions is required, e.g. -versions=1,2");
      }
      return versions;
    }
  }

  /** {@code kv delete [-versions=..] PATH}: soft-deletes the latest (or given) versions. */
  @Command(
      name = "delete",
      description = "Delete the latest version, or -versions (KV v2: undeletable).",
      mixinStandardHelpOptions = true)
  static final class Delete extends Versioned {
    Delete(CliContext ctx) {
      super(ctx);
    }

    @Override
    int run() {
      KvPath p = resolve(path);
      if (versions != null && !versions.isEmpty()) {
        p.requireV2("-versions");
        client().post(p.v2("delete"), Map.of("versions", versions)).orThrow();
        return success("Data deleted (if it existed) at: " + p.v2("delete"));
      }
      client().delete(p.data()).orThrow();
      return success("Data deleted (if it existed) at: " + p.data());
    }
  }

  /** {@code kv undelete -versions=.. PATH}. */
  @Command(
      name = "undelete",
      description = "Restore deleted versions (KV v2).",
      mixinStandardHelpOptions = true)
  static final class Undelete extends Versioned {
    Undelete(CliContext ctx) {
      super(ctx);
    }

    @Override
    int run() {
      List<Integer> v = requiredVersions();
      KvPath p = resolve(path);
      p.requireV2("kv undelete");
      client().post(p.v2("undelete"), Map.of("versions", v)).orThrow();
      return success("Data written to: " + p.v2("undelete"));
    }
  }

  /** {@code kv destroy -versions=.. PATH}: permanently removes versions. */
  @Command(
      name = "destroy",
      description = "Permanently destroy versions (KV v2).",
      mixinStandardHelpOptions = true)
  static final class Destroy extends Versioned {
    Destroy(CliContext ctx) {
      super(ctx);
    }

    @Override
    int run() {
      List<Integer> v = requiredVersions();
      KvPath p = resolve(path);
      p.requireV2("kv destroy");
      client().put(p.v2("destroy"), Map.of("versions", v)).orThrow();
      return success("Data written to: " + p.v2("destroy"));
    }
  }
}
