package dev.coffer.auth.approle;

import dev.coffer.auth.StoredJson;
import dev.coffer.spi.Cidrs;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.FieldType;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A role's secret ids: generate ({@code secret-id}), custom ({@code custom-secret-id}), list, and
 * lookup/destroy by value ({@code secret-id/...}) or by accessor ({@code secret-id-accessor/...}).
 */
final class SecretIdPaths {
  private final RoleStore roles;
  private final SecretIdStore secretIds;
  private final Clock clock;

  SecretIdPaths(RoleStore roles, SecretIdStore secretIds, Clock clock) {
    this.roles = roles;
    this.secretIds = secretIds;
    this.clock = clock;
  }

  List<PathSpec> paths() {
    return List.of(
        creation("role/{role_name}/secret-id")
            .on(Operation.UPDATE, r -> create(r, UUID.randomUUID().toString()))
            .on(Operation.LIST, this::list)
            .description("generates a secret id, or lists the accessors of the role's secret ids")
            .build(),
        creation("role/{role_name}/custom-secret-id")
            .field("secret_id", FieldType.STRING)
            .on(Operation.UPDATE, r -> create(r, customValue(r)))
            .description("registers a secret id chosen by the caller")
            .build(),
        PathSpec.builder("role/{role_name}/secret-id/lookup")
            .field("secret_id", FieldType.STRING)
            .on(Operation.UPDATE, this::lookup)
            .description("reads the properties of a secret id")
            .build(),
        PathSpec.builder("role/{role_name}/secret-id/destroy")
            .field("secret_id", FieldType.STRING)
            .on(Operation.UPDATE, this::destroy)
            .on(Operation.DELETE, this::destroy)
            .description("destroys a secret id")
            .build(),
        PathSpec.builder("role/{role_name}/secret-id-accessor/lookup")
            .field("secret_id_accessor", FieldType.STRING)
            .on(Operation.UPDATE, this::lookupAccessor)
            .description("reads the properties of a secret id by its accessor")
            .build(),
        PathSpec.builder("role/{role_name}/secret-id-accessor/destroy")
            .field("secret_id_accessor", FieldType.STRING)
            .on(Operation.UPDATE, this::destroyAccessor)
            .on(Operation.DELETE, this::destroyAccessor)
            .description("destroys a secret id by its accessor")
            .build());
  }

  private static PathSpec.Builder creation(String pattern) {
    return PathSpec.builder(pattern)
        .field("metadata", FieldType.ANY)
        .field("cidr_list", FieldType.STRING_LIST)
        .field("token_bound_cidrs", FieldType.STRING_LIST)
        .field("ttl", FieldType.DURATION)
        .field("num_uses", FieldType.INT);
  }

  private static String customValue(Request r) {
    String v = r.string("secret_id", "");
    if (v.isEmpty()) {
      throw CofferException.invalid("missing secret_id");
    }
    return v;
  }

  private Response create(Request r, String value) {
    Role role = RolePaths.require(roles, r);
    if (!role.bindSecretId()) {
      throw CofferException.invalid("bind_secret_id is not set on the role");
    }
    long uses = r.integer("num_uses", 0);
    if (uses < 0) {
      throw CofferException.invalid("num_uses cannot be negative");
    }
    if (role.secretIdNumUses() > 0 && (uses == 0 || uses > role.secretIdNumUses())) {
      if (uses > role.secretIdNumUses()) {
        throw CofferException.invalid(
            "num_uses cannot be higher than the role's secret_id_num_uses");
      }
      uses = role.secretIdNumUses();
    }
    long ttl = r.duration("ttl", Duration.ZERO).getSeconds();
    if (ttl < 0) {
      throw CofferException.invalid("ttl cannot be negative");
    }
    if (role.secretIdTtl() > 0 && (ttl == 0 || ttl > role.secretIdTtl())) {
      if (ttl > role.secretIdTtl()) {
        throw CofferException.invalid("ttl cannot be longer than the role's secret_id_ttl");
      }
      ttl = role.secretIdTtl();
    }
    Instant now = clock.instant();
    SecretId entry =
        new SecretId(
            UUID.randomUUID().toString(),
            metadata(r),
            Cidrs.validated(trimmed(r.list("cidr_list"))),
            Cidrs.validated(trimmed(r.list("token_bound_cidrs"))),
            uses,
            ttl,
            now,
            ttl > 0 ? now.plusSeconds(ttl) : null,
            now);
    secretIds.create(role.name(), value, entry);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("secret_id", value);
    data.put("secret_id_accessor", entry.accessor());
    data.put("secret_id_num_uses", uses);
    data.put("secret_id_ttl", ttl);
    return Response.of(data);
  }

  private Response list(Request r) {
    Role role = RolePaths.require(roles, r);
    List<String> accessors = secretIds.accessors(role.name());
    if (accessors.isEmpty()) {
      throw CofferException.notFound();
    }
    return Response.keys(accessors);
  }

  private Response lookup(Request r) {
    Role role = RolePaths.require(roles, r);
    return secretIds
        .find(role.name(), required(r, "secret_id"))
        .map(l -> Response.of(l.secretId().view()))
        .orElseGet(Response::empty);
  }

  private Response destroy(Request r) {
    Role role = RolePaths.require(roles, r);
    secretIds.find(role.name(), required(r, "secret_id")).ifPresent(secretIds::destroy);
    return Response.empty();
  }

  private Response lookupAccessor(Request r) {
    Role role = RolePaths.require(roles, r);
    String accessor = required(r, "secret_id_accessor");
    return secretIds
        .byAccessor(role.name(), accessor)
        .map(l -> Response.of(l.secretId().view()))
        .orElseThrow(() -> unknownAccessor(accessor));
  }

  private Response destroyAccessor(Request r) {
    Role role = RolePaths.require(roles, r);
    String accessor = required(r, "secret_id_accessor");
    secretIds.destroy(
        secretIds.byAccessor(role.name(), accessor).orElseThrow(() -> unknownAccessor(accessor)));
    return Response.empty();
  }

  private static CofferException unknownAccessor(String accessor) {
    return CofferException.invalid(
        "failed to find accessor entry for secret_id_accessor: \"" + accessor + "\"");
  }

  private static String required(Request r, String field) {
    String v = r.string(field, "").trim();
    if (v.isEmpty()) {
      throw CofferException.invalid("missing " + field);
    }
    return v;
  }

  private static List<String> trimmed(List<String> list) {
    return list.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** Vault takes {@code metadata} as a JSON object or as a string holding one. */
  @SuppressWarnings("unchecked")
  private static Map<String, String> metadata(Request r) {
    Object raw = r.data().get("metadata");
    Map<String, Object> m;
    if (raw == null || "".equals(raw)) {
      return Map.of();
    } else if (raw instanceof Map<?, ?> map) {
      m = (Map<String, Object>) map;
    } else {
      try {
        m = StoredJson.read(raw.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      } catch (RuntimeException e) {
        throw CofferException.invalid(
            "failed to parse metadata: expected a JSON object of strings");
      }
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : m.entrySet()) {
      if (e.getValue() instanceof Map<?, ?> || e.getValue() instanceof List<?>) {
        throw CofferException.invalid(
            "failed to parse metadata: expected a JSON object of strings");
      }
      out.put(e.getKey(), e.getValue() == null ? "" : e.getValue().toString());
    }
    return out;
  }
}
