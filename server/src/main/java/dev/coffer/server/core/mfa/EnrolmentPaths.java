package dev.coffer.server.core.mfa;

import dev.coffer.server.core.identity.Entity;
import dev.coffer.server.core.identity.EntityStore;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.FieldType;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TOTP enrolment: {@code identity/mfa/method/totp/generate} (the caller's own entity), {@code
 * admin-generate} and {@code admin-destroy} (any entity). A secret is generated once and answered
 * once as an {@code otpauth://} URL; an entity that already has one gets a warning and no secret,
 * as in Vault ({@code admin-destroy} first to enrol again).
 */
final class EnrolmentPaths {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final MfaStore store;
  private final EntityStore entities;

  EnrolmentPaths(MfaStore store, EntityStore entities) {
    this.store = store;
    this.entities = entities;
  }

  List<PathSpec> paths() {
    return List.of(
        PathSpec.builder("mfa/method/totp/generate")
            .field("method_id", FieldType.STRING)
            .on(Operation.UPDATE, r -> generate(r, r.client().entityId()))
            .description("generates a TOTP secret for the caller's own entity")
            .build(),
        PathSpec.builder("mfa/method/totp/admin-generate")
            .field("method_id", FieldType.STRING)
            .field("entity_id", FieldType.STRING)
            .on(Operation.UPDATE, r -> generate(r, required(r, "entity_id")))
            .description("generates a TOTP secret for an entity")
            .build(),
        PathSpec.builder("mfa/method/totp/admin-destroy")
            .field("method_id", FieldType.STRING)
            .field("entity_id", FieldType.STRING)
            .on(Operation.UPDATE, this::destroy)
            .description("deletes an entity's TOTP secret")
            .build());
  }

  private Response generate(Request r, String entityId) {
    if (entityId == null || entityId.isEmpty()) {
      throw CofferException.invalid("no entity attached to the request's token");
    }
    TotpMethod method = method(r);
    Entity entity =
        entities.byId(entityId).orElseThrow(() -> CofferException.invalid("entity not found"));
    byte[] raw = new byte[method.keySize()];
    RANDOM.nextBytes(raw);
    String key = Base32.encode(raw);
    boolean created =
        store.update(
            method.id(),
            entity.id(),
            existing ->
                existing.isPresent()
                    ? new MfaStore.Change<>(existing.get(), false)
                    : new MfaStore.Change<>(TotpSecret.of(key), true));
    if (!created) {
      return Response.empty()
          .withWarning("Entity already has a secret for MFA method \"" + method.id() + "\"");
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("barcode", "");
    data.put("url", url(method, entity.name(), key));
    return Response.of(data);
  }

  private Response destroy(Request r) {
    TotpMethod method = method(r);
    String entityId = required(r, "entity_id");
    store.update(method.id(), entityId, existing -> new MfaStore.Change<>(null, null));
    return Response.empty();
  }

  private TotpMethod method(Request r) {
    String id = required(r, "method_id");
    return store
        .method(id)
        .orElseThrow(() -> CofferException.invalid("MFA method \"" + id + "\" not found"));
  }

  /** Vault's {@code otpauth://totp/<issuer>:<account>?...} key URI. */
  static String url(TotpMethod method, String account, String key) {
    String issuer = encode(method.issuer());
    return "otpauth://totp/"
        + issuer
        + ":"
        + encode(account)
        + "?algorithm="
        + method.algorithm().name()
        + "&digits="
        + method.digits()
        + "&issuer="
        + issuer
        + "&period="
        + method.period()
        + "&secret="
        + key;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String required(Request r, String field) {
    String v = r.string(field, "").trim();
    if (v.isEmpty()) {
      throw CofferException.invalid("missing " + field);
    }
    return v;
  }
}
