package dev.coffer.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lease lookup|renew|revoke}: the vault CLI's lease commands over {@code sys/leases/}. */
@Command(
    name = "lease",
    description = "Look up, renew and revoke leases.",
    mixinStandardHelpOptions = true,
    subcommands = {LeaseCommand.Lookup.class, LeaseCommand.Renew.class, LeaseCommand.Revoke.class})
final class LeaseCommand {

  /** {@code lease lookup LEASE_ID}. */
  @Command(name = "lookup", description = "Show a lease.", mixinStandardHelpOptions = true)
  static final class Lookup extends ClientCommand {
    @Parameters(paramLabel = "LEASE_ID")
    String leaseId;

    Lookup(CliContext ctx) {
      super(ctx);
    }

    @Override
    int run() {
      ApiResponse r = client().put("sys/leases/lookup", Map.of("lease_id", leaseId)).orThrow();
      PathCommands.print(this, r, null);
      return 0;
    }
  }

  /** {@code lease renew [-increment=DURATION] LEASE_ID}. */
  @Command(name = "renew", description = "Renew a lease.", mixinStandardHelpOptions = true)
  static final class Renew extends ClientCommand {
    @Parameters(paramLabel = "LEASE_ID")
    String leaseId;

    @Option(
        names = {"-increment", "--increment"},
        paramLabel = "DURATION",
        description = "Requested extension, e.g. 1h (capped at the lease's maximum TTL)")
    String increment;

    Renew(CliContext ctx) {
      super(ctx);
    }

    @Override
    int run() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("lease_id", leaseId);
      if (increment != null) {
        body.put("increment", increment);
      }
      ApiResponse r = client().put("sys/leases/renew", body).orThrow();
      PathCommands.print(this, r, null);
      return 0;
    }
  }

  /** {@code lease revoke [-prefix] [-force] [-sync] LEASE_ID_OR_PREFIX}. */
  @Command(name = "revoke", description = "Revoke a lease.", mixinStandardHelpOptions = true)
  static final class Revoke extends ClientCommand {
    @Parameters(paramLabel = "ID")
    String id;

    @Option(
        names = {"-prefix", "--prefix"},
        description = "Treat ID as a prefix and revoke every lease under it")
    boolean prefix;

    @Option(
        names = {"-force", "--force"},
        description =
            "With -prefix: delete the leases even if the engine cannot revoke them (needs sudo)")
    boolean force;

    @Option(
        names = {"-sync", "--sync"},
        negatable = true,
        defaultValue = "true",
        description = "Wait for the revocation to finish (default true)")
    boolean sync;

    Revoke(CliContext ctx) {
      super(ctx);
    }

    @Override
    int run() {
      if (force && !prefix) {
        throw new CliException("-force requires -prefix");
      }
      if (force) {
        client().put("sys/leases/revoke-force/" + id, Map.of()).orThrow();
        return success("Force revoked any leases with prefix: " + id);
      }
      if (prefix) {
        client().put("sys/leases/revoke-prefix/" + id, Map.of("sync", sync)).orThrow();
        return success("Revoked any leases with prefix: " + id);
      }
      client().put("sys/leases/revoke", Map.of("lease_id", id, "sync", sync)).orThrow();
      return success(sync ? "Revoked lease: " + id : "Revocation queued for lease: " + id);
    }
  }
}
