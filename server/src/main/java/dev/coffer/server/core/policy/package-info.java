/**
 * ACL policies in Vault's syntax: parsing (HCL and JSON), templating from the caller's identity,
 * and evaluation of a set of policies against a request.
 *
 * <p>Flow: {@link dev.coffer.server.core.policy.HclPolicyParser} turns policy text into a {@link
 * dev.coffer.server.core.policy.Policy}; {@link dev.coffer.server.core.policy.Acl#of} merges the
 * policies of a token (resolving templated ones against an {@link
 * dev.coffer.server.core.policy.IdentityContext}) into an immutable {@link
 * dev.coffer.server.core.policy.Acl}, which answers {@link dev.coffer.server.core.policy.Acl#check}
 * per request and {@link dev.coffer.server.core.policy.Acl#capabilities} for {@code
 * sys/capabilities}.
 */
package dev.coffer.server.core.policy;
