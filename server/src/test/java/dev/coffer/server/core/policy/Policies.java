package dev.coffer.server.core.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test helpers: ACLs from policy texts. */
final class Policies {
  private Policies() {}

  /** An ACL of the given HCL texts, named p1, p2, ... */
  static Acl acl(String... texts) {
    List<Policy> policies = new ArrayList<>();
    for (int i = 0; i < texts.length; i++) {
      policies.add(HclPolicyParser.parse("p" + (i + 1), texts[i]));
    }
    return Acl.of(policies);
  }

  static boolean allows(Acl acl, Capability c, String path) {
    return acl.check(c, path, Map.of()).allowed();
  }
}
