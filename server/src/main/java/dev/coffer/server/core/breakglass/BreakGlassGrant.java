package dev.coffer.server.core.breakglass;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One break-glass request and, once granted, its grant, as stored at {@code
 * sys/break-glass/request/<id>}. Never holds the grant token, only its accessor. Mutable: only the
 * workflow changes it ({@link BreakGlass}, and {@link GrantAccess} when it issues the token), under
 * {@link BreakGlass}'s lock.
 */
final class BreakGlassGrant {
  /** Where a request is in its life. */
  enum State {
    PENDING,
    GRANTED,
    DENIED,
    REVOKED,
    EXPIRED;

    String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  final String id;
  final Approver requester;
  final String reason;
  final List<String> policies;
  final List<String> paths;
  final List<String> capabilities;
  final long ttlSeconds;
  final int requiredApprovals;
  State state = State.PENDING;
  final List<Approver> approvals = new ArrayList<>();
  Approver closedBy;
  Instant grantTime;
  Instant expireTime;
  Instant endTime;
  String tokenAccessor = "";
  boolean claimed;
  final List<String> notificationErrors = new ArrayList<>();

  BreakGlassGrant(
      String id,
      Approver requester,
      String reason,
      List<String> policies,
      List<String> paths,
      List<String> capabilities,
      long ttlSeconds,
      int requiredApprovals) {
    this.id = id;
    this.requester = requester;
    this.reason = reason;
    this.policies = List.copyOf(policies);
    this.paths = List.copyOf(paths);
    this.capabilities = List.copyOf(capabilities);
    this.ttlSeconds = ttlSeconds;
    this.requiredApprovals = requiredApprovals;
  }

  /** The policy generated for {@link #paths}, or {@code ""} when the request named none. */
  String generatedPolicy() {
    return paths.isEmpty() ? "" : BreakGlassPolicies.generatedName(id);
  }

  /** Every policy the grant token carries (besides {@code default}). */
  List<String> grantedPolicies() {
    List<String> out = new ArrayList<>(policies);
    if (!paths.isEmpty()) {
      out.add(generatedPolicy());
    }
    return out;
  }

  /** The lookup view: never the token, only what an operator needs to see. */
  Map<String, Object> toApi() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("state", state.wire());
    m.put("requester", requester.toJson());
    m.put("reason", reason);
    m.put("policies", policies);
    m.put("paths", paths);
    m.put("capabilities", paths.isEmpty() ? List.of() : capabilities);
    m.put("generated_policy", generatedPolicy());
    m.put("ttl", ttlSeconds);
    m.put("required_approvals", requiredApprovals);
    m.put("approvals", approvals.stream().map(Approver::toJson).toList());
    m.put("create_time", requester.time().toString());
    m.put("grant_time", text(grantTime));
    m.put("expire_time", text(expireTime));
    m.put("end_time", text(endTime));
    m.put("closed_by", closedBy == null ? null : closedBy.toJson());
    m.put("claimed", claimed);
    m.put("notification_errors", List.copyOf(notificationErrors));
    return m;
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = toApi();
    m.put("token_accessor", tokenAccessor);
    return m;
  }

  @SuppressWarnings("unchecked")
  static BreakGlassGrant fromJson(Map<String, Object> m) {
    BreakGlassGrant g =
        new BreakGlassGrant(
            (String) m.get("id"),
            Approver.fromJson((Map<String, Object>) m.get("requester")),
            (String) m.get("reason"),
            (List<String>) m.get("policies"),
            (List<String>) m.get("paths"),
            (List<String>) m.get("capabilities"),
            ((Number) m.get("ttl")).longValue(),
            ((Number) m.get("required_approvals")).intValue());
    g.state = State.valueOf(((String) m.get("state")).toUpperCase(Locale.ROOT));
    for (Object a : (List<Object>) m.get("approvals")) {
      g.approvals.add(Approver.fromJson((Map<String, Object>) a));
    }
    Object closed = m.get("closed_by");
    g.closedBy = closed == null ? null : Approver.fromJson((Map<String, Object>) closed);
    g.grantTime = instant(m.get("grant_time"));
    g.expireTime = instant(m.get("expire_time"));
    g.endTime = instant(m.get("end_time"));
    g.tokenAccessor = (String) m.getOrDefault("token_accessor", "");
    g.claimed = Boolean.TRUE.equals(m.get("claimed"));
    g.notificationErrors.addAll((List<String>) m.getOrDefault("notification_errors", List.of()));
    return g;
  }

  private static String text(Instant t) {
    return t == null ? null : t.toString();
  }

  private static Instant instant(Object v) {
    return v == null ? null : Instant.parse(v.toString());
  }
}
