package dev.coffer.server.core.breakglass;

import dev.coffer.server.core.audit.AuditBroker;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Announces what happens to break-glass requests: one audit entry ({@code type: warning}, {@code
 * kind: break_glass}) per event, and a signed webhook notification to every configured URL.
 * Notification failures are logged and recorded on the request; they never block anything.
 */
final class BreakGlassEvents {
  /** Records a failed notification on the request. */
  @FunctionalInterface
  interface FailureLog {
    void record(String id, String message);
  }

  private final AuditBroker audit;
  private final WebhookNotifier webhooks;
  private final FailureLog failures;

  BreakGlassEvents(AuditBroker audit, WebhookNotifier webhooks, FailureLog failures) {
    this.audit = audit;
    this.webhooks = webhooks;
    this.failures = failures;
  }

  /**
   * Announces {@code event} ({@code requested, granted, denied, revoked, expired, claimed}) of
   * {@code g}, done by the token with {@code accessor}.
   */
  void announce(String event, BreakGlassGrant g, String accessor, BreakGlassConfig config) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("event", event);
    fields.put("id", g.id);
    fields.put("reason", g.reason);
    fields.put("requester_entity_id", g.requester.entityId());
    fields.put("policies", g.grantedPolicies());
    fields.put("paths", g.paths);
    fields.put("ttl", g.ttlSeconds);
    fields.put("expire_time", g.expireTime == null ? null : g.expireTime.toString());
    fields.put("approvers", approvers(g));
    audit.warning("break_glass", accessor, fields);
    if (event.equals("claimed")) {
      return;
    }
    webhooks.send(
        config.webhookUrls(),
        config.webhookSecret(),
        "break_glass." + event,
        body(event, g),
        (url, message) -> failures.record(g.id, message));
  }

  /** The webhook body: what happened, to which request, by whom, for what. */
  static Map<String, Object> body(String event, BreakGlassGrant g) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("event", "break_glass." + event);
    b.put("id", g.id);
    b.put("state", g.state.wire());
    Map<String, Object> requester = new LinkedHashMap<>();
    requester.put("entity_id", g.requester.entityId());
    requester.put("accessor", g.requester.accessor());
    requester.put("display_name", g.requester.displayName());
    b.put("requester", requester);
    b.put("reason", g.reason);
    b.put("policies", g.policies);
    b.put("paths", g.paths);
    b.put("capabilities", g.paths.isEmpty() ? List.of() : g.capabilities);
    b.put("ttl", g.ttlSeconds);
    b.put("expire_time", g.expireTime == null ? null : g.expireTime.toString());
    b.put("required_approvals", g.requiredApprovals);
    b.put("approvers", approvers(g));
    return b;
  }

  private static List<Map<String, Object>> approvers(BreakGlassGrant g) {
    return g.approvals.stream()
        .map(
            a -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("entity_id", a.entityId());
              m.put("display_name", a.displayName());
              m.put("time", a.time().toString());
              return m;
            })
        .toList();
  }
}
