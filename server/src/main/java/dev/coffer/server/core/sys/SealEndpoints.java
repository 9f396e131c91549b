package dev.coffer.server.core.sys;

import dev.coffer.server.core.CoreRequest;
import dev.coffer.server.core.CoreResult;
import dev.coffer.server.core.InitResult;
import dev.coffer.server.core.Version;
import dev.coffer.server.core.seal.KeyEncoding;
import dev.coffer.server.core.seal.SealConfig;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.FieldConverter;
import dev.coffer.spi.FieldSpec;
import dev.coffer.spi.FieldType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sys/init}, {@code sys/unseal}, {@code sys/seal} and {@code sys/seal-status}, answered
 * outside the envelope as Vault does.
 */
final class SealEndpoints {
  private static final Map<String, FieldSpec> INIT_FIELDS =
      Map.of(
          "secret_shares", new FieldSpec("secret_shares", FieldType.INT, ""),
          "secret_threshold", new FieldSpec("secret_threshold", FieldType.INT, ""));
  private static final Map<String, FieldSpec> UNSEAL_FIELDS =
      Map.of(
          "key", new FieldSpec("key", FieldType.STRING, ""),
          "reset", new FieldSpec("reset", FieldType.BOOL, ""));

  private final SealControls controls;

  SealEndpoints(SealControls controls) {
    this.controls = controls;
  }

  CoreResult initStatus(CoreRequest r) {
    return new CoreResult.Raw(
        r.requestId(), 200, Map.of("initialized", controls.seals().initialized()));
  }

  CoreResult init(CoreRequest r) {
    Map<String, Object> data = FieldConverter.convert(INIT_FIELDS, r.data());
    int shares = intField(data, "secret_shares");
    int threshold = intField(data, "secret_threshold");
    InitResult result = controls.initialize(shares, threshold);
    List<String> hex = new ArrayList<>();
    List<String> b64 = new ArrayList<>();
    for (byte[] share : result.keyShares()) {
      hex.add(KeyEncoding.hex(share));
      b64.add(KeyEncoding.base64(share));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("keys", hex);
    body.put("keys_base64", b64);
    body.put("root_token", result.rootToken());
    return new CoreResult.Raw(r.requestId(), 200, body);
  }

  CoreResult unseal(CoreRequest r) {
    Map<String, Object> data = FieldConverter.convert(UNSEAL_FIELDS, r.data());
    if (Boolean.TRUE.equals(data.get("reset"))) {
      controls.resetUnseal();
      return status(r);
    }
    Object key = data.get("key");
    if (key == null || key.toString().isBlank()) {
      if (controls.seals().initialized() && !controls.seals().seal().needsKeyShares()) {
        controls.submitShare(new byte[0]);
        return status(r);
      }
      throw CofferException.invalid(
          "'key' must be specified in request body as JSON, or 'reset' set to true");
    }
    byte[] share =
        KeyEncoding.decode(key.toString())
            .orElseThrow(
                () -> CofferException.invalid("'key' must be a valid hex or base64 string"));
    try {
      controls.submitShare(share);
    } finally {
      java.util.Arrays.fill(share, (byte) 0);
    }
    return status(r);
  }

  CoreResult seal(CoreRequest r) {
    controls.seal(r.token());
    return new CoreResult.Raw(r.requestId(), 204, Map.of());
  }

  CoreResult status(CoreRequest r) {
    var seals = controls.seals();
    SealConfig config = seals.config().orElse(null);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", seals.seal().type());
    body.put("initialized", config != null);
    body.put("sealed", seals.sealed());
    body.put("t", config == null ? 0 : config.threshold());
    body.put("n", config == null ? 0 : config.shares());
    body.put("progress", seals.progress());
    body.put("nonce", seals.nonce());
    body.put("version", Version.version());
    body.put("build_date", Version.buildDate());
    body.put("migration", false);
    body.put("recovery_seal", false);
    body.put("storage_type", controls.storageType());
    controls
        .cluster()
        .ifPresent(
            c -> {
              body.put("cluster_name", c.name());
              body.put("cluster_id", c.id());
            });
    return new CoreResult.Raw(r.requestId(), 200, body);
  }

  private static int intField(Map<String, Object> data, String name) {
    Object v = data.get(name);
    if (v == null) {
      return 0;
    }
    long n = ((Number) v).longValue();
    return n > 1000 || n < -1000 ? 1000 : (int) n;
  }
}
