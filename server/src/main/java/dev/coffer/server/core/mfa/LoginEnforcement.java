package dev.coffer.server.core.mfa;

import dev.coffer.spi.CofferException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A login enforcement ({@code identity/mfa/login-enforcement/:name}): logins it matches must pass
 * one of its MFA methods before they get a token. It matches a login through any of its auth mount
 * accessors, auth method types or entity ids.
 *
 * @param name its name
 * @param id its id (a UUID)
 * @param mfaMethodIds the methods any one of which satisfies it
 * @param authMethodAccessors auth mounts whose logins it matches
 * @param authMethodTypes auth method types whose logins it matches
 * @param identityGroupIds identity groups (kept for Vault's API; Coffer has no groups yet)
 * @param identityEntityIds entities whose logins it matches
 */
record LoginEnforcement(
    String name,
    String id,
    List<String> mfaMethodIds,
    List<String> authMethodAccessors,
    List<String> authMethodTypes,
    List<String> identityGroupIds,
    List<String> identityEntityIds) {

  LoginEnforcement {
    mfaMethodIds = List.copyOf(mfaMethodIds);
    authMethodAccessors = List.copyOf(authMethodAccessors);
    authMethodTypes = List.copyOf(authMethodTypes);
    identityGroupIds = List.copyOf(identityGroupIds);
    identityEntityIds = List.copyOf(identityEntityIds);
    if (mfaMethodIds.isEmpty()) {
      throw CofferException.invalid("missing method ids");
    }
    if (authMethodAccessors.isEmpty()
        && authMethodTypes.isEmpty()
        && identityGroupIds.isEmpty()
        && identityEntityIds.isEmpty()) {
      throw CofferException.invalid(
          "One of auth_method_accessors, auth_method_types, identity_group_ids,"
              + " identity_entity_ids must be specified");
    }
  }

  /** Whether a login on the mount with this accessor and type, for this entity, must pass it. */
  boolean matches(String mountAccessor, String mountType, String entityId) {
    return authMethodAccessors.contains(mountAccessor)
        || authMethodTypes.contains(mountType)
        || (!entityId.isEmpty() && identityEntityIds.contains(entityId));
  }

  Map<String, Object> view() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("id", id);
    m.put("namespace_id", "root");
    m.put("mfa_method_ids", mfaMethodIds);
    m.put("auth_method_accessors", authMethodAccessors);
    m.put("auth_method_types", authMethodTypes);
    m.put("identity_group_ids", identityGroupIds);
    m.put("identity_entity_ids", identityEntityIds);
    return m;
  }

  Map<String, Object> toJson() {
    return view();
  }

  @SuppressWarnings("unchecked")
  static LoginEnforcement fromJson(Map<String, Object> m) {
    return new LoginEnforcement(
        (String) m.get("name"),
        (String) m.get("id"),
        (List<String>) m.get("mfa_method_ids"),
        (List<String>) m.get("auth_method_accessors"),
        (List<String>) m.get("auth_method_types"),
        (List<String>) m.get("identity_group_ids"),
        (List<String>) m.get("identity_entity_ids"));
  }
}
