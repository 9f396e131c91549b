package dev.coffer.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code coffer kv}: read and write KV secrets (version 1 and 2), as {@code vault kv}. */
@Command(
    name = "kv",
    description = "Read and write key/value secrets.",
    mixinStandardHelpOptions = true,
    subcommands = {
      KvReadCommands.Get.class,
      KvWriteCommands.Put.class,
      KvWriteCommands.Patch.class,
      KvReadCommands.ListKeys.class,
      KvVersionCommands.Delete.class,
      KvVersionCommands.Undelete.class,
      KvVersionCommands.Destroy.class,
      KvMetadataCommand.class
    })
final class KvCommand {

  /** Base of the kv subcommands: the {@code -mount} option and path resolution. */
  abstract static class KvSubcommand extends ClientCommand {
    @Option(
        names = {"-mount", "--mount"},
        paramLabel = "MOUNT",
        description = "The KV mount; then the path is relative to it")
    String mount;

    KvSubcommand(CliContext ctx) {
      super(ctx);
    }

    KvPath resolve(String path) {
      return KvPath.resolve(client(), mount, path);
    }
  }
}
