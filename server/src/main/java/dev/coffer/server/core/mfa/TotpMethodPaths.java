package dev.coffer.server.core.mfa;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.FieldType;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code identity/mfa/method/totp} (create, list), {@code identity/mfa/method/totp/:method_id}
 * (read, update, delete), and the type-agnostic {@code identity/mfa/method} (list) and {@code
 * identity/mfa/method/:method_id} (read).
 */
final class TotpMethodPaths {
  private final MfaStore store;

  TotpMethodPaths(MfaStore store) {
    this.store = store;
  }

  /** The paths; {@code totp/:method_id} must come after the literal {@code totp/...} paths. */
  List<PathSpec> paths() {
    return List.of(
        fields(PathSpec.builder("mfa/method/totp"))
            .on(Operation.UPDATE, r -> create(r))
            .on(Operation.LIST, r -> list())
            .description("creates a TOTP MFA method, or lists them")
            .build(),
        fields(PathSpec.builder("mfa/method/totp/{method_id}"))
            .on(Operation.READ, r -> Response.of(require(r).view()))
            .on(Operation.UPDATE, r -> update(r))
            .on(Operation.DELETE, r -> delete(r))
            .description("reads, updates or deletes a TOTP MFA method")
            .build());
  }

  /** The type-agnostic paths, last in the table. */
  List<PathSpec> anyTypePaths() {
    return List.of(
        PathSpec.builder("mfa/method")
            .on(Operation.LIST, r -> list())
            .description("lists the MFA methods")
            .build(),
        PathSpec.builder("mfa/method/{method_id}")
            .on(Operation.READ, r -> Response.of(require(r).view()))
            .description("reads an MFA method")
            .build());
  }

  private static PathSpec.Builder fields(PathSpec.Builder b) {
    return b.field("method_name", FieldType.STRING)
        .field("issuer", FieldType.STRING)
        .field("period", FieldType.DURATION)
        .field("key_size", FieldType.INT)
        .field("qr_size", FieldType.INT)
        .field("algorithm", FieldType.STRING)
        .field("digits", FieldType.INT)
        .field("skew", FieldType.INT)
        .field("max_validation_attempts", FieldType.INT);
  }

  private TotpMethod require(Request r) {
    return store.method(r.param("method_id")).orElseThrow(CofferException::notFound);
  }

  private Response create(Request r) {
    TotpMethod m = build(UUID.randomUUID().toString(), r, null);
    store.saveMethod(m);
    return Response.of(Map.of("method_id", m.id()));
  }

  private Response update(Request r) {
    TotpMethod old = require(r);
    store.saveMethod(build(old.id(), r, old));
    return Response.empty();
  }

  private Response delete(Request r) {
    String id = r.param("method_id");
    for (LoginEnforcement e : store.enforcements()) {
      if (e.mfaMethodIds().contains(id)) {
        throw CofferException.invalid(
            "MFA method \"" + id + "\" is used by login enforcement \"" + e.name() + "\"");
      }
    }
    store.deleteMethod(id);
    return Response.empty();
  }

  private Response list() {
    List<String> ids = store.methodIds();
    if (ids.isEmpty()) {
      throw CofferException.notFound();
    }
    Map<String, Object> info = new LinkedHashMap<>();
    ids.forEach(id -> store.method(id).ifPresent(m -> info.put(id, m.view())));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("keys", ids);
    data.put("key_info", info);
    return Response.of(data);
  }

  private TotpMethod build(String id, Request r, TotpMethod old) {
    String name = r.string("method_name", old == null ? "" : old.name()).trim();
    if (!name.isEmpty()) {
      for (String other : store.methodIds()) {
        if (!other.equals(id)
            && store.method(other).map(m -> m.name().equals(name)).orElse(false)) {
          throw CofferException.invalid("method name \"" + name + "\" is already in use");
        }
      }
    }
    long period =
        r.duration(
                "period",
                Duration.ofSeconds(old == null ? TotpMethod.DEFAULT_PERIOD : old.period()))
            .getSeconds();
    return new TotpMethod(
        id,
        name,
        r.string("issuer", old == null ? "" : old.issuer()).trim(),
        (int) Math.min(period, Integer.MAX_VALUE),
        (int) r.integer("key_size", old == null ? TotpMethod.DEFAULT_KEY_SIZE : old.keySize()),
        (int) r.integer("qr_size", old == null ? TotpMethod.DEFAULT_QR_SIZE : old.qrSize()),
        TotpAlgorithm.of(r.string("algorithm", old == null ? "SHA1" : old.algorithm().name())),
        (int) r.integer("digits", old == null ? TotpMethod.DEFAULT_DIGITS : old.digits()),
        (int) r.integer("skew", old == null ? TotpMethod.DEFAULT_SKEW : old.skew()),
        (int)
            r.integer(
                "max_validation_attempts",
                old == null
                    ? TotpMethod.DEFAULT_MAX_VALIDATION_ATTEMPTS
                    : old.maxValidationAttempts()));
  }
}
