package dev.coffer.server.core.sys;

import dev.coffer.server.core.audit.AuditBroker;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.FieldType;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import java.util.List;
import java.util.Map;

/**
 * {@code sys/audit}: list ({@code GET}), enable ({@code PUT}/{@code POST} {@code sys/audit/:path}),
 * disable ({@code DELETE}); and {@code sys/audit-hash/:path}, which hashes an input as that device
 * does. Sudo-only in Vault; this tree has no sudo flag on paths yet.
 */
final class AuditPaths {
  private final AuditBroker audit;

  AuditPaths(AuditBroker audit) {
    this.audit = audit;
  }

  List<PathSpec> paths() {
    return List.of(
        PathSpec.builder("audit")
            .sudo()
            .on(Operation.READ, r -> Response.of(audit.list()))
            .description("lists the enabled audit devices")
            .build(),
        PathSpec.builder("audit/{path:+}")
            .sudo()
            .field("type", FieldType.STRING)
            .field("description", FieldType.STRING)
            .field("options", FieldType.MAP)
            .field("local", FieldType.BOOL)
            .on(Operation.UPDATE, this::enable)
            .on(Operation.DELETE, this::disable)
            .description("enables and disables an audit device")
            .build(),
        PathSpec.builder("audit-hash/{path:+}")
            .field("input", FieldType.STRING)
            .on(Operation.UPDATE, this::hash)
            .description("hashes an input as an audit device does")
            .build());
  }

  private Response enable(Request r) {
    Map<String, String> options = MountPaths.strings(r.map("options"), "options");
    audit.enable(r.param("path"), r.string("type", ""), r.string("description", ""), options);
    return Response.empty();
  }

  private Response disable(Request r) {
    audit.disable(r.param("path"));
    return Response.empty();
  }

  private Response hash(Request r) {
    if (!r.has("input")) {
      throw CofferException.invalid("the \"input\" parameter is required");
    }
    return Response.of(Map.of("hash", audit.hash(r.param("path"), r.string("input", ""))));
  }
}
