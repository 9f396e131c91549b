package dev.coffer.server.core.wrapping;

import dev.coffer.spi.AuthResult;
import dev.coffer.spi.Response;
import dev.coffer.spi.SecretLease;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A response as stored inside the barrier while it is wrapped: {@code {data, warnings, auth,
 * lease}}, the {@code auth} block with its client token (the barrier encrypts it), the lease only
 * as its id, duration and renewability (the engine's internal data stays on the lease).
 */
final class ResponseCodec {
  private ResponseCodec() {}

  static Map<String, Object> encode(Response r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("data", r.data());
    m.put("warnings", r.warnings());
    m.put("auth", r.auth() == null ? null : encode(r.auth()));
    if (r.lease() != null) {
      Map<String, Object> lease = new LinkedHashMap<>();
      lease.put("lease_id", r.lease().leaseId());
      lease.put("lease_duration", r.lease().ttl().getSeconds());
      lease.put("renewable", r.lease().renewable());
      m.put("lease", lease);
    }
    return m;
  }

  @SuppressWarnings("unchecked")
  static Response decode(Map<String, Object> m) {
    Object auth = m.get("auth");
    Response r =
        new Response(
            (Map<String, Object>) m.get("data"),
            (List<String>) m.get("warnings"),
            auth instanceof Map<?, ?> a ? decodeAuth((Map<String, Object>) a) : null);
    if (m.get("lease") instanceof Map<?, ?> lease) {
      r =
          r.withLease(
              new SecretLease(
                  (String) lease.get("lease_id"),
                  "",
                  Duration.ofSeconds(number(lease.get("lease_duration"))),
                  Duration.ZERO,
                  Boolean.TRUE.equals(lease.get("renewable")),
                  null));
    }
    return r;
  }

  private static Map<String, Object> encode(AuthResult a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("client_token", a.clientToken());
    m.put("accessor", a.accessor());
    m.put("policies", a.policies());
    m.put("token_policies", a.tokenPolicies());
    m.put("identity_policies", a.identityPolicies());
    m.put("metadata", a.metadata());
    m.put("lease_duration", a.leaseDuration());
    m.put("renewable", a.renewable());
    m.put("entity_id", a.entityId());
    m.put("token_type", a.tokenType());
    m.put("orphan", a.orphan());
    m.put("num_uses", a.numUses());
    return m;
  }

  @SuppressWarnings("unchecked")
  private static AuthResult decodeAuth(Map<String, Object> m) {
    return new AuthResult(
        (String) m.get("client_token"),
        (String) m.get("accessor"),
        (List<String>) m.get("policies"),
        (List<String>) m.get("token_policies"),
        (List<String>) m.get("identity_policies"),
        (Map<String, String>) m.get("metadata"),
        number(m.get("lease_duration")),
        Boolean.TRUE.equals(m.get("renewable")),
        (String) m.get("entity_id"),
        (String) m.get("token_type"),
        Boolean.TRUE.equals(m.get("orphan")),
        number(m.get("num_uses")));
  }

  private static long number(Object v) {
    return v instanceof Number n ? n.longValue() : 0;
  }
}
