package dev.coffer.server.core.sys;

import dev.coffer.server.core.policy.BuiltInPolicies;
import dev.coffer.server.core.policy.Policy;
import dev.coffer.server.core.policy.store.PolicyStore;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.FieldType;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ACL policy endpoints: {@code sys/policies/acl} (list), {@code sys/policies/acl/:name} (read
 * {@code {name, policy}}, write {@code {"policy"}}, delete), and the older {@code sys/policy} (read
 * or list: {@code {policies, keys}}) and {@code sys/policy/:name} (read {@code {name, rules}},
 * write {@code {"policy"}} or {@code {"rules"}}, delete). Lists include {@code root}, as Vault's
 * do. Policy text may be sent base64-encoded, as Vault allows.
 */
final class PolicyPaths {
  private final PolicyStore store;

  PolicyPaths(PolicyStore store) {
    this.store = store;
  }

  List<PathSpec> paths() {
    return List.of(
        PathSpec.builder("policies/acl")
            .on(Operation.LIST, r -> Response.of(Map.of("keys", names())))
            .description("lists the ACL policies")
            .build(),
        PathSpec.builder("policies/acl/{name}")
            .field("policy", FieldType.STRING)
            .on(Operation.READ, r -> read(r, "policy"))
            .on(Operation.UPDATE, r -> write(r, false))
            .on(Operation.DELETE, this::delete)
            .description("reads, writes or deletes an ACL policy")
            .build(),
        PathSpec.builder("policy")
            .on(Operation.READ, r -> legacyList())
            .on(Operation.LIST, r -> legacyList())
            .description("lists the ACL policies (older path)")
            .build(),
        PathSpec.builder("policy/{name}")
            .field("policy", FieldType.STRING)
            .field("rules", FieldType.STRING)
            .on(Operation.READ, r -> read(r, "rules"))
            .on(Operation.UPDATE, r -> write(r, true))
            .on(Operation.DELETE, this::delete)
            .description("reads, writes or deletes an ACL policy (older path)")
            .build());
  }

  private List<String> names() {
    List<String> names = new ArrayList<>(store.names());
    names.add(BuiltInPolicies.ROOT);
    return names;
  }

  private Response legacyList() {
    List<String> names = names();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("keys", names);
    data.put("policies", names);
    return Response.of(data);
  }

  private Response read(Request r, String textField) {
    Policy p = store.get(r.param("name")).orElseThrow(CofferException::notFound);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("name", p.name());
    data.put(textField, p.raw());
    return Response.of(data);
  }

  private Response write(Request r, boolean legacy) {
    String text = r.string("policy", "");
    if (text.isEmpty() && legacy) {
      text = r.string("rules", "");
    }
    if (text.isBlank()) {
      throw CofferException.invalid("'policy' parameter not supplied or empty");
    }
    store.put(r.param("name"), decoded(text));
    return Response.empty();
  }

  private Response delete(Request r) {
    store.delete(r.param("name"));
    return Response.empty();
  }

  /** The text itself, or what it decodes to if it is base64 of UTF-8 text. */
  static String decoded(String text) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text.trim());
    } catch (IllegalArgumentException e) {
      return text;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return text;
    }
  }
}
