package dev.coffer.server.core.sys;

import dev.coffer.server.core.lease.LeaseCounts;
import dev.coffer.server.core.lease.LeaseEntry;
import dev.coffer.server.core.lease.LeaseManager;
import dev.coffer.server.core.lease.RevokeReport;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.FieldType;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sys/leases/...} as Vault: lookup (and sudo LIST of a prefix), renew, revoke, revoke-prefix
 * and revoke-force (sudo), tidy, count, and the irrevocable list; plus Vault's old aliases {@code
 * sys/renew}, {@code sys/revoke}, {@code sys/revoke-prefix}, {@code sys/revoke-force}.
 */
final class LeasePaths {
  private static final int IRREVOCABLE_LIMIT = 10_000;

  private final LeaseManager leases;

  LeasePaths(LeaseManager leases) {
    this.leases = leases;
  }

  List<PathSpec> paths() {
    List<PathSpec> p = new ArrayList<>();
    p.add(
        PathSpec.builder("leases/lookup")
            .field("lease_id", FieldType.STRING)
            .on(Operation.UPDATE, this::lookup)
            .description("looks up a lease")
            .build());
    p.add(
        PathSpec.builder("leases/lookup/{prefix:*}")
            .on(Operation.LIST, this::list)
            .sudo()
            .description("lists lease ids under a prefix")
            .build());
    for (String base : List.of("leases/renew", "renew")) {
      p.add(renew(base, false));
      p.add(renew(base + "/{url_lease_id:+}", true));
    }
    for (String base : List.of("leases/revoke", "revoke")) {
      p.add(revoke(base));
      p.add(revoke(base + "/{url_lease_id:+}"));
    }
    for (String base : List.of("leases/revoke-prefix/", "revoke-prefix/")) {
      p.add(
          PathSpec.builder(base + "{prefix:+}")
              .field("sync", FieldType.BOOL)
              .on(Operation.UPDATE, this::revokePrefix)
              .sudo()
              .description("revokes every lease under a prefix")
              .build());
    }
    for (String base : List.of("leases/revoke-force/", "revoke-force/")) {
      p.add(
          PathSpec.builder(base + "{prefix:+}")
              .on(Operation.UPDATE, this::revokeForce)
              .sudo()
              .description("deletes leases under a prefix without revoking their secrets")
              .build());
    }
    p.add(
        PathSpec.builder("leases/tidy")
            .on(Operation.UPDATE, r -> tidy())
            .description("removes dangling lease index entries")
            .build());
    p.add(
        PathSpec.builder("leases/count")
            .field("type", FieldType.STRING)
            .on(Operation.READ, this::count)
            .sudo()
            .description("counts leases")
            .build());
    p.add(
        PathSpec.builder("leases")
            .field("type", FieldType.STRING)
            .on(Operation.READ, this::irrevocable)
            .sudo()
            .description("lists irrevocable leases")
            .build());
    return p;
  }

  private PathSpec renew(String pattern, boolean inUrl) {
    return PathSpec.builder(pattern)
        .field("lease_id", FieldType.STRING)
        .field("increment", FieldType.DURATION)
        .on(Operation.UPDATE, this::renew)
        .description(inUrl ? "renews the lease named in the path" : "renews a lease")
        .build();
  }

  private PathSpec revoke(String pattern) {
    return PathSpec.builder(pattern)
        .field("lease_id", FieldType.STRING)
        .field("sync", FieldType.BOOL)
        .on(Operation.UPDATE, this::revoke)
        .description("revokes a lease")
        .build();
  }

  private Response lookup(Request r) {
    LeaseEntry e = leases.lookup(leaseId(r));
    Instant now = Instant.now(leasesClock());
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("expire_time", e.irrevocable() ? null : e.expireTime().toString());
    d.put("id", e.leaseId());
    d.put("issue_time", e.issueTime().toString());
    d.put("last_renewal", e.lastRenewal() == null ? null : e.lastRenewal().toString());
    d.put("renewable", e.renewable() && !e.irrevocable());
    d.put(
        "ttl",
        e.irrevocable() ? 0 : Math.max(0, Duration.between(now, e.expireTime()).getSeconds()));
    if (e.irrevocable()) {
      d.put("irrevocable", true);
      d.put("revoke_error", e.lastError());
    }
    return Response.of(d);
  }

  private Response list(Request r) {
    return Response.keys(leases.list(r.param("prefix")));
  }

  private Response renew(Request r) {
    LeaseManager.Renewal renewal = leases.renew(leaseId(r), r.duration("increment", Duration.ZERO));
    Response out = Response.empty().withLease(renewal.lease());
    return renewal.warning() == null ? out : out.withWarning(renewal.warning());
  }

  private Response revoke(Request r) {
    leases.revoke(leaseId(r), r.bool("sync", true));
    return Response.empty();
  }

  private Response revokePrefix(Request r) {
    String prefix = r.param("prefix");
    RevokeReport report = leases.revokePrefix(prefix, r.bool("sync", true));
    if (!report.complete()) {
      throw new CofferException(
          ErrorCode.UPSTREAM_FAILURE,
          "failed to revoke "
              + report.failed().size()
              + " lease(s) under prefix \""
              + prefix
              + "\"; they will be retried");
    }
    return Response.empty();
  }

  private Response revokeForce(Request r) {
    long n = leases.revokeForce(r.param("prefix"));
    return n == 0
        ? Response.empty()
        : Response.empty()
            .withWarning(
                "Force-removed "
                    + n
                    + " lease(s) without revoking their secrets; check the secrets engine.");
  }

  private Response tidy() {
    long removed = leases.tidy();
    return Response.of(Map.of("removed_index_entries", removed))
        .withWarning("Tidy operation successfully completed.");
  }

  private Response count(Request r) {
    String type = type(r);
    LeaseCounts c = leases.counts();
    long n = type.equals("irrevocable") ? c.irrevocable() : c.leases();
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("counts", Map.of("root", n));
    d.put("lease_count", n);
    return Response.of(d);
  }

  private Response irrevocable(Request r) {
    if (!type(r).equals("irrevocable")) {
      throw CofferException.invalid("only type=irrevocable is supported");
    }
    List<Map<String, Object>> list = new ArrayList<>();
    for (LeaseEntry e : leases.irrevocable(IRREVOCABLE_LIMIT)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("error", e.lastError());
      m.put("lease_id", e.leaseId());
      m.put("mount_id", e.mountUuid());
      m.put("mount", e.mountPath());
      m.put("namespace", "root");
      list.add(m);
    }
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("lease_count", list.size());
    d.put("leases", list);
    return Response.of(d);
  }

  private static String type(Request r) {
    String type = r.string("type", "");
    if (!type.equals("all") && !type.equals("irrevocable")) {
      throw CofferException.invalid("invalid lease type \"" + type + "\": all or irrevocable");
    }
    return type;
  }

  private static String leaseId(Request r) {
    String id = r.param("url_lease_id");
    if (id.isEmpty()) {
      id = r.string("lease_id", "");
    }
    if (id.isEmpty()) {
      throw CofferException.invalid("lease_id must be specified");
    }
    return id;
  }

  private java.time.Clock leasesClock() {
    return leases.clock();
  }
}
