package dev.coffer.server.core.authz;

import dev.coffer.server.core.AccessControl;
import dev.coffer.server.core.identity.Entity;
import dev.coffer.server.core.identity.EntityStore;
import dev.coffer.server.core.mount.Dispatch;
import dev.coffer.server.core.policy.Acl;
import dev.coffer.server.core.policy.AclCache;
import dev.coffer.server.core.policy.AclDecision;
import dev.coffer.server.core.policy.BuiltInPolicies;
import dev.coffer.server.core.policy.Capability;
import dev.coffer.server.core.policy.IdentityContext;
import dev.coffer.server.core.policy.Policy;
import dev.coffer.server.core.policy.store.PolicyStore;
import dev.coffer.server.core.stepup.StepUpGate;
import dev.coffer.server.core.token.TokenEntry;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Enforces ACL policies on every authenticated request: builds (through an {@link AclCache}) the
 * ACL of the token's policies plus its entity's policies, with templates filled from the entity,
 * and checks the operation's capability on the full request path with the request's parameters. A
 * path marked {@link dev.coffer.spi.PathSpec#sudo() sudo} also needs {@code sudo} on the deciding
 * rule. A deciding rule with {@code step_up} also needs fresh MFA ({@link StepUpGate}); root tokens
 * are exempt, as they are from every other check. Unauthenticated paths pass; the {@code root}
 * policy allows everything.
 *
 * <p>Policy names a token or entity carries that do not exist are ignored, as in Vault. A disabled
 * entity's tokens are refused everything. {@code root} among an entity's policies is ignored: only
 * a token can be root.
 *
 * <p>Refusals answer only Vault's {@code permission denied}; the reason (paths and parameter names,
 * never values) goes to the debug log.
 */
public final class PolicyAccessControl implements AccessControl {
  private static final System.Logger LOG = System.getLogger(PolicyAccessControl.class.getName());
  private static final int CACHE_SIZE = 4096;
  private static final Acl DENY_ALL = Acl.of(List.of());

  private final PolicyStore policies;
  private final EntityStore entities;
  private final AclCache cache = new AclCache(CACHE_SIZE);
  private final StepUpGate stepUp;
  private final Predicate<String> notFromEntities;

  /** Enforcement over these stores, without step-up rules or excluded policies. */
  public PolicyAccessControl(PolicyStore policies, EntityStore entities) {
    this(policies, entities, null, name -> false);
  }

  /**
   * Enforcement over these stores.
   *
   * @param stepUp enforces rules' {@code step_up}, or {@code null} to ignore them
   * @param notFromEntities policy names an entity's policy list can never grant (break-glass-only
   *     policies): they are left out of the entity's policies
   */
  public PolicyAccessControl(
      PolicyStore policies,
      EntityStore entities,
      StepUpGate stepUp,
      Predicate<String> notFromEntities) {
    this.policies = policies;
    this.entities = entities;
    this.stepUp = stepUp;
    this.notFromEntities = notFromEntities;
  }

  @Override
  public void authorize(TokenEntry token, Dispatch.Resolved request) {
    authorize(token, request, null);
  }

  /**
   * {@link #authorize(TokenEntry, Dispatch.Resolved)} for a request that asks for response wrapping
   * with {@code wrapTtl} (or {@code null}): a rule's {@code min_wrapping_ttl}/{@code
   * max_wrapping_ttl} require wrapping within those bounds.
   */
  public void authorize(TokenEntry token, Dispatch.Resolved request, Duration wrapTtl) {
    if (token == null) {
      return;
    }
    Capability needed = Capability.forOperation(request.operation());
    String path = request.fullPath();
    Acl acl = acl(token.policies(), request.request().client().entityId());
    AclDecision d = acl.check(needed, path, request.request().data(), wrapTtl);
    boolean sudo = request.match().spec().sudo();
    if (!d.allowed() || (sudo && !d.sudo())) {
      throw denied(token.accessor(), needed, path, d.allowed() ? "sudo is required" : d.reason());
    }
    if (d.stepUp() != null && stepUp != null) {
      stepUp.require(token, path, d.stepUp(), request.request().requestId());
    }
  }

  /**
   * Allows a root-protected action outside the routed paths (e.g. {@code sys/seal}): {@code needed}
   * and {@code sudo} on {@code path}.
   *
   * @throws CofferException 403 "permission denied" otherwise
   */
  public void authorizeSudo(TokenEntry token, String entityId, Capability needed, String path) {
    AclDecision d = acl(token.policies(), entityId).check(needed, path, Map.of());
    if (!d.allowed() || !d.sudo()) {
      throw denied(token.accessor(), needed, path, d.allowed() ? "sudo is required" : d.reason());
    }
  }

  /**
   * The ACL of a token with these policies belonging to this entity (or {@code ""}): its policies
   * plus the entity's, templates filled from the entity.
   */
  public Acl acl(List<String> tokenPolicies, String entityId) {
    for (String p : tokenPolicies) {
      if (BuiltInPolicies.isRoot(p)) {
        return Acl.root();
      }
    }
    Optional<Entity> entity =
        entityId == null || entityId.isEmpty() ? Optional.empty() : entities.byId(entityId);
    if (entity.isPresent() && entity.get().disabled()) {
      return DENY_ALL;
    }
    List<String> names = new ArrayList<>(tokenPolicies);
    entity.ifPresent(
        e -> {
          for (String p : e.policies()) {
            if (!notFromEntities.test(PolicyStore.normalize(p))) {
              names.add(p);
            }
          }
        });
    List<Policy> found = new ArrayList<>(names.size());
    List<String> seen = new ArrayList<>(names.size());
    for (String raw : names) {
      String name = PolicyStore.normalize(raw);
      if (seen.contains(name) || BuiltInPolicies.isRoot(name)) {
        continue;
      }
      seen.add(name);
      policies.get(name).ifPresent(found::add);
    }
    IdentityContext identity = entity.map(Entity::context).orElse(IdentityContext.NONE);
    return cache.get(found, identity);
  }

  /** Forgets every cached ACL (on seal). */
  public void clear() {
    cache.clear();
  }

  private static CofferException denied(
      String accessor, Capability needed, String path, String reason) {
    LOG.log(
        System.Logger.Level.DEBUG,
        () ->
            "permission denied: accessor "
                + accessor
                + ", "
                + needed.wireName()
                + " on \""
                + path
                + "\": "
                + reason);
    return new CofferException(ErrorCode.PERMISSION_DENIED, "permission denied");
  }
}
