package dev.coffer.server.core.sys;

import dev.coffer.server.core.authz.PolicyAccessControl;
import dev.coffer.server.core.authz.TokenLookup;
import dev.coffer.server.core.policy.Acl;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.FieldType;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sys/capabilities} ({@code token}, {@code paths}), {@code sys/capabilities-self} ({@code
 * paths}, for the calling token) and {@code sys/capabilities-accessor} ({@code accessor}, {@code
 * paths}). The answer maps each path to its sorted capabilities; with one path, {@code
 * capabilities} repeats them, as Vault does. The deprecated {@code path} field is read when {@code
 * paths} is absent.
 */
final class CapabilityPaths {
  private final TokenLookup tokens;
  private final PolicyAccessControl access;

  CapabilityPaths(TokenLookup tokens, PolicyAccessControl access) {
    this.tokens = tokens;
    this.access = access;
  }

  List<PathSpec> paths() {
    return List.of(
        fields(PathSpec.builder("capabilities"))
            .field("token", FieldType.STRING)
            .on(Operation.UPDATE, this::forToken)
            .description("the capabilities of a token on paths")
            .build(),
        fields(PathSpec.builder("capabilities-self"))
            .on(Operation.UPDATE, this::forSelf)
            .description("the capabilities of the calling token on paths")
            .build(),
        fields(PathSpec.builder("capabilities-accessor"))
            .field("accessor", FieldType.STRING)
            .on(Operation.UPDATE, this::forAccessor)
            .description("the capabilities of the token with an accessor on paths")
            .build());
  }

  private static PathSpec.Builder fields(PathSpec.Builder b) {
    return b.field("paths", FieldType.STRING_LIST).field("path", FieldType.STRING_LIST);
  }

  private Response forToken(Request r) {
    String token = r.string("token", "");
    if (token.isEmpty()) {
      throw CofferException.invalid("missing token");
    }
    List<String> paths = paths(r);
    TokenLookup.Holder h =
        tokens.byId(token).orElseThrow(() -> CofferException.invalid("invalid token"));
    return answer(access.acl(h.policies(), h.entityId()), paths);
  }

  private Response forSelf(Request r) {
    List<String> paths = paths(r);
    return answer(access.acl(r.client().policies(), r.client().entityId()), paths);
  }

  private Response forAccessor(Request r) {
    String accessor = r.string("accessor", "");
    if (accessor.isEmpty()) {
      throw CofferException.invalid("missing accessor");
    }
    List<String> paths = paths(r);
    TokenLookup.Holder h =
        tokens.byAccessor(accessor).orElseThrow(() -> CofferException.invalid("invalid accessor"));
    return answer(access.acl(h.policies(), h.entityId()), paths);
  }

  private static List<String> paths(Request r) {
    List<String> paths = new ArrayList<>();
    List<Object> given = r.list("paths");
    if (given.isEmpty()) {
      given = r.list("path");
    }
    for (Object p : given) {
      String s = p.toString().trim();
      if (!s.isEmpty()) {
        paths.add(s);
      }
    }
    if (paths.isEmpty()) {
      throw CofferException.invalid("paths must be supplied");
    }
    return paths;
  }

  private static Response answer(Acl acl, List<String> paths) {
    Map<String, Object> data = new LinkedHashMap<>();
    for (String p : paths) {
      data.put(p, acl.capabilities(p));
    }
    if (paths.size() == 1) {
      data.put("capabilities", data.get(paths.get(0)));
    }
    return Response.of(data);
  }
}
