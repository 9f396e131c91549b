package dev.coffer.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kv metadata get|put|patch|delete} (KV v2). */
@Command(
    name = "metadata",
    description = "Read and write the metadata of a secret (KV v2).",
    mixinStandardHelpOptions = true,
    subcommands = {
      KvMetadataCommand.Get.class,
      KvMetadataCommand.Put.class,
      KvMetadataCommand.Patch.class,
      KvMetadataCommand.Delete.class
    })
final class KvMetadataCommand {

  /** Shared: the path, resolved to a KV v2 mount. */
  abstract static class MetadataSubcommand extends KvCommand.KvSubcommand {
    @Parameters(paramLabel = "PATH", description = "e.g. secret/app")
    String path;

    MetadataSubcommand(CliContext ctx) {
      super(ctx);
    }

    KvPath resolveV2() {
      KvPath p = resolve(path);
      p.requireV2("kv metadata");
      return p;
    }
  }

  /** {@code kv metadata get PATH}. */
  @Command(name = "get", description = "Read a secret's metadata.", mixinStandardHelpOptions = true)
  static final class Get extends MetadataSubcommand {
    Get(CliContext ctx) {
      super(ctx);
    }

    @Override
    int run() {
      KvPath p = resolveV2();
      ApiResponse r = client().get(p.v2("metadata"));
      if (r.status() == 404) {
        ctx.err().println("No value found at " + p.v2("metadata"));
        ctx.err().flush();
        return SERVER_ERROR;
      }
      r.orThrow();
      if (json()) {
        Output.json(out(), r.body());
      } else {
        KvOutput.metadata(out(), p.v2("metadata"), r.data());
      }
      return 0;
    }
  }

  /** Shared settings of {@code put} and {@code patch}. */
  abstract static class Write extends MetadataSubcommand {
    @Option(
        names = {"-max-versions", "--max-versions"},
        paramLabel = "N",
        description = "Versions to keep (0: the mount's default)")
    Integer maxVersions;

    @Option(
        names = {"-cas-required", "--cas-required"},
        paramLabel = "BOOL",
        arity = "0..1",
        fallbackValue = "true",
        description = "Require -cas on every write")
    Boolean casRequired;

    @Option(
        names = {"-delete-version-after", "--delete-version-after"},
        paramLabel = "DURATION",
        description = "Delete versions this long after they are written, e.g. 30d, 1h; 0s: never")
    String deleteVersionAfter;

    @Option(
        names = {"-custom-metadata", "--custom-metadata"},
        paramLabel = "KEY=VALUE",
        description = "Custom metadata; repeat for more keys")
    Map<String, String> customMetadata;

    Write(CliContext ctx) {
      super(ctx);
    }

    Map<String, Object> body() {
      Map<String, Object> body = new LinkedHashMap<>();
      if (maxVersions != null) {
        body.put("max_versions", maxVersions);
      }
      if (casRequired != null) {
        body.put("cas_required", casRequired);
      }
      if (deleteVersionAfter != null) {
        body.put("delete_version_after", deleteVersionAfter);
      }
      if (customMetadata != null) {
        body.put("custom_metadata", customMetadata);
      }
      return body;
    }
  }

  /** {@code kv metadata put}: sets the metadata settings given. */
  @Command(
      name = "put",
      description = "Write a secret's metadata.",
      mixinStandardHelpOptions = true)
  static final class Put extends Write {
    Put(CliContext ctx) {
      super(ctx);
    }

    @Override
    int run() {
      KvPath p = resolveV2();
      client().post(p.v2("metadata"), body()).orThrow();
      return success("Data written to: " + p.v2("metadata"));
    }
  }

  /** {@code kv metadata patch}: merges the given settings into the metadata. */
  @Command(
      name = "patch",
      description = "Merge settings into a secret's metadata.",
      mixinStandardHelpOptions = true)
  static final class Patch extends Write {
    Patch(CliContext ctx) {
      super(ctx);
    }

    @Override
    int run() {
      KvPath p = resolveV2();
      client().patch(p.v2("metadata"), body()).orThrow();
      return success("Data written to: " + p.v2("metadata"));
    }
  }

  /** {@code kv metadata delete}: deletes every version and the metadata. */
  @Command(
      name = "delete",
      description = "Delete a secret's metadata and every version.",
      mixinStandardHelpOptions = true)
  static final class Delete extends MetadataSubcommand {
    Delete(CliContext ctx) {
      super(ctx);
    }

    @Override
    int run() {
      KvPath p = resolveV2();
      client().delete(p.v2("metadata")).orThrow();
      return success("Data deleted (if it existed) at: " + p.v2("metadata"));
    }
  }
}
