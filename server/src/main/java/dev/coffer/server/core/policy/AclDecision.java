package dev.coffer.server.core.policy;

import java.util.List;

/**
 * The answer of {@link Acl#check}: whether the request may proceed, and why.
 *
 * @param allowed whether the request is allowed
 * @param sudo whether the rule that decided grants {@code sudo} (or the ACL is root): required in
 *     addition on root-protected paths
 * @param root whether the decision came from the {@code root} policy
 * @param matchedPath the policy pattern that decided (e.g. {@code secret/data/*}), or {@code null}
 *     when no rule matched or the ACL is root
 * @param grantingPolicies the policies whose rule on {@link #matchedPath} grant the capability
 *     asked for (empty when denied), for the audit log
 * @param reason a short explanation for logs and audit; names paths and parameters, never values.
 *     Clients should only ever see Vault's {@code permission denied}.
 * @param stepUp the fresh-MFA requirement of the deciding rule when allowed, or {@code null}
 */
public record AclDecision(
    boolean allowed,
    boolean sudo,
    boolean root,
    String matchedPath,
    List<String> grantingPolicies,
    String reason,
    StepUp stepUp) {

  static final AclDecision ROOT =
      new AclDecision(true, true, true, null, List.of(BuiltInPolicies.ROOT), "root policy", null);

  public AclDecision {
    grantingPolicies = grantingPolicies == null ? List.of() : grantingPolicies;
  }

  static AclDecision allow(Permissions p, boolean sudo, List<String> grantingPolicies) {
    return new AclDecision(true, sudo, false, p.pattern, grantingPolicies, "allowed", p.stepUp);
  }

  static AclDecision deny(Permissions p, boolean sudo, String reason) {
    return new AclDecision(
        false, sudo, false, p == null ? null : p.pattern, List.of(), reason, null);
  }
}
