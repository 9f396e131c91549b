package dev.coffer.server.core.sys;

import dev.coffer.server.core.audit.AuditBroker;
import dev.coffer.server.core.lease.LeaseCounts;
import dev.coffer.server.core.lease.LeaseManager;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET sys/metrics}: the server's gauges in the shape of Vault's JSON metrics ({@code
 * Timestamp, Gauges, Counters, Samples}), inside the usual envelope. Today: whether each audit
 * device can record ({@code coffer.audit.device.up}, 1 or 0, labelled with the device path) and how
 * many cannot ({@code coffer.audit.devices_down}), so a device that is down shows in monitoring as
 * well as in {@code sys/health}; the lease and irrevocable lease counts ({@code
 * coffer.expire.num_leases}, {@code coffer.expire.num_irrevocable_leases}) and the revocations done
 * and failed since unseal ({@code coffer.expire.revoked}, {@code coffer.expire.revoke_failures},
 * counters); the access-log records waiting to be stored ({@code coffer.access_log.queued}) and
 * those dropped because the queue was full or lost because storing failed ({@code
 * coffer.access_log.dropped}, {@code coffer.access_log.write_failures}, counters since start-up).
 */
final class MetricsPaths {
  private final AuditBroker audit;
  private final LeaseManager leases;
  private final Clock clock;

  MetricsPaths(AuditBroker audit, LeaseManager leases, Clock clock) {
    this.audit = audit;
    this.leases = leases;
    this.clock = clock;
  }

  List<PathSpec> paths() {
    return List.of(
        PathSpec.builder("metrics")
            .on(Operation.READ, this::read)
            .description("the server's metrics")
            .build());
  }

  private Response read(Request r) {
    List<Map<String, Object>> gauges = new ArrayList<>();
    int down = 0;
    for (Map.Entry<String, Boolean> d : audit.deviceHealth().entrySet()) {
      gauges.add(gauge("coffer.audit.device.up", d.getValue() ? 1 : 0, Map.of("path", d.getKey())));
      down += d.getValue() ? 0 : 1;
    }
    gauges.add(gauge("coffer.audit.devices_down", down, Map.of()));
    LeaseCounts c = leases.counts();
    gauges.add(gauge("coffer.expire.num_leases", c.leases(), Map.of()));
    gauges.add(gauge("coffer.expire.num_irrevocable_leases", c.irrevocable(), Map.of()));
    gauges.add(gauge("coffer.access_log.queued", audit.accessLog().queued(), Map.of()));
    List<Map<String, Object>> counters = new ArrayList<>();
    counters.add(counter("coffer.expire.revoked", c.revoked()));
    counters.add(counter("coffer.expire.revoke_failures", c.revokeFailures()));
    counters.add(counter("coffer.access_log.dropped", audit.accessLog().dropped()));
    counters.add(counter("coffer.access_log.write_failures", audit.accessLog().failed()));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("Timestamp", clock.instant().toString());
    data.put("Gauges", gauges);
    data.put("Counters", counters);
    data.put("Samples", List.of());
    return Response.of(data);
  }

  private static Map<String, Object> counter(String name, long count) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Name", name);
    m.put("Count", count);
    m.put("Sum", count);
    m.put("Labels", Map.of());
    return m;
  }

  private static Map<String, Object> gauge(String name, long value, Map<String, String> labels) {
    Map<String, Object> g = new LinkedHashMap<>();
    g.put("Name", name);
    g.put("Value", value);
    g.put("Labels", labels);
    return g;
  }
}
