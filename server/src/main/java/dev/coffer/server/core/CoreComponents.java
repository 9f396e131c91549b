package dev.coffer.server.core;

import dev.coffer.server.core.audit.AuditBroker;
import dev.coffer.server.core.authz.PolicyAccessControl;
import dev.coffer.server.core.authz.TokenLookup;
import dev.coffer.server.core.barrier.Barrier;
import dev.coffer.server.core.breakglass.BreakGlass;
import dev.coffer.server.core.breakglass.BreakGlassPaths;
import dev.coffer.server.core.breakglass.ExpirySweeper;
import dev.coffer.server.core.identity.EntityResolver;
import dev.coffer.server.core.identity.EntityStore;
import dev.coffer.server.core.identity.IdentityBackend;
import dev.coffer.server.core.identity.StoredEntityResolver;
import dev.coffer.server.core.killswitch.KillswitchService;
import dev.coffer.server.core.lease.ExpiryScheduler;
import dev.coffer.server.core.lease.LeaseManager;
import dev.coffer.server.core.lease.LeaseSettings;
import dev.coffer.server.core.mfa.Mfa;
import dev.coffer.server.core.mount.MountEntry;
import dev.coffer.server.core.mount.MountedEngine;
import dev.coffer.server.core.mount.Mounts;
import dev.coffer.server.core.mount.PeriodicRunner;
import dev.coffer.server.core.policy.store.PasswordPolicyStore;
import dev.coffer.server.core.policy.store.PolicyStore;
import dev.coffer.server.core.quota.QuotaGuard;
import dev.coffer.server.core.stepup.PresentedCodes;
import dev.coffer.server.core.stepup.StepUpGate;
import dev.coffer.server.core.stepup.SwitchableMfaCheck;
import dev.coffer.server.core.sys.SystemBackend;
import dev.coffer.server.core.token.CallerTokens;
import dev.coffer.server.core.token.LoginTokens;
import dev.coffer.server.core.token.TokenAuthMount;
import dev.coffer.server.core.token.TokenStore;
import dev.coffer.server.core.wrapping.ResponseWrapping;
import dev.coffer.spi.StorageBackend;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Everything the core is made of, built and wired once: the barrier and the stores behind it,
 * mounts, access control, audit, quotas, wrapping, MFA, break-glass, leases, the killswitch and the
 * request pipeline. {@link Core} owns one and adds the seal state and the locking; this class only
 * knows how the parts connect and what starts and stops with the seal.
 */
final class CoreComponents {
  /** How often ended break-glass windows are swept up. */
  static final Duration BREAK_GLASS_SWEEP_INTERVAL = Duration.ofSeconds(30);

  final Barrier barrier;
  final TokenStore tokens;
  final CallerTokens callers = new CallerTokens();
  final Mounts mounts;
  final PolicyStore policies;
  final PasswordPolicyStore passwordPolicies;
  final EntityStore entities;
  final PolicyAccessControl accessControl;
  final AuditBroker audit;
  final QuotaGuard guard;
  final ResponseWrapping wrapping;
  final LoginTokens loginTokens;
  final Mfa mfa;
  final SwitchableMfaCheck mfaCheck = new SwitchableMfaCheck();
  final PresentedCodes mfaCodes = new PresentedCodes(mfaCheck);
  final BreakGlass breakGlass;
  final ExpirySweeper breakGlassExpiry;
  final LeaseManager leases;
  final KillswitchService killswitch;
  final PeriodicRunner periodic;
  final RequestPipeline pipeline;

  /**
   * Builds the parts over {@code storage}.
   *
   * @param background runs background work only while the core is unsealed, under its lock
   */
  CoreComponents(
      StorageBackend storage,
      PluginRegistry plugins,
      Clock clock,
      LeaseSettings leaseSettings,
      ExpiryScheduler.Guard background) {
    this.barrier = new Barrier(storage);
    this.tokens = new TokenStore(barrier, clock);
    this.passwordPolicies = new PasswordPolicyStore(barrier);
    this.mounts = new Mounts(barrier, plugins, clock, passwordPolicies::generate);
    this.audit = new AuditBroker(barrier.root(), plugins, clock);
    this.guard = new QuotaGuard(barrier.root(), clock);
    guard.addAnomalyListener(this::auditAnomaly);
    this.policies = new PolicyStore(barrier);
    this.entities = new EntityStore(barrier, clock);
    this.breakGlass =
        new BreakGlass(
            barrier.root(),
            policies,
            tokens,
            mfaCodes,
            mfaCheck,
            audit,
            clock,
            Duration.ofSeconds(5),
            Duration.ofSeconds(1));
    this.breakGlassExpiry =
        new ExpirySweeper(() -> background.run(breakGlass::expireDue), BREAK_GLASS_SWEEP_INTERVAL);
    tokens.setIssuanceGuard(breakGlass.restrictedPolicies());
    this.accessControl =
        new PolicyAccessControl(
            policies,
            entities,
            new StepUpGate(mfaCodes, tokens, clock),
            breakGlass.restrictedPolicies());
    this.wrapping = new ResponseWrapping(barrier, tokens, callers, clock);
    this.leases = LeaseWiring.wire(barrier, storage, clock, leaseSettings, mounts, tokens, audit);
    this.periodic = new PeriodicRunner(mounts, clock);
    this.killswitch = new KillswitchService(leases, tokens, mounts, audit);
    this.loginTokens = new LoginTokens(tokens);
    this.mfa =
        new Mfa(
            barrier,
            entities,
            clock,
            (mount, path, login, entityId) -> {
              // A login that passed MFA counts as a fresh MFA for step-up paths.
              dev.coffer.spi.AuthResult issued = loginTokens.issue(mount, path, login, entityId);
              tokens.recordMfa(issued.accessor(), clock.instant());
              return issued;
            });
    mfaCheck.set(mfa.check());
    MountEntry sys = SystemBackend.entry();
    mounts.addBuiltIn(
        new MountedEngine(
            sys,
            SystemBackend.create(
                    new SystemBackend.Services(
                        mounts,
                        sys,
                        barrier,
                        clock,
                        policies,
                        accessControl,
                        TokenLookup.over(tokens),
                        audit,
                        guard,
                        wrapping,
                        passwordPolicies,
                        leases),
                    mfa.systemPaths())
                .with(new BreakGlassPaths(breakGlass).paths())
                .with(killswitch.paths())));
    MountEntry identity = IdentityBackend.entry();
    mounts.addBuiltIn(
        new MountedEngine(identity, IdentityBackend.create(entities, mfa.identityPaths())));

    this.pipeline =
        new RequestPipeline(
            tokens,
            callers,
            mounts,
            audit,
            accessControl,
            guard,
            new LoginHandler(loginTokens, entityResolver(), mfa.logins()),
            wrapping,
            leases,
            clock,
            mfaCodes);
  }

  /** The resolver auth methods use to map a login's alias to an identity entity. */
  EntityResolver entityResolver() {
    return new StoredEntityResolver(entities);
  }

  /** Starts what lives inside the barrier, after unseal. */
  void unsealed(ExpiryScheduler.Guard background) {
    policies.ensureDefault();
    mounts.addBuiltIn(TokenAuthMount.mount(tokens, callers, entityResolver()));
    mounts.load();
    mounts.auth().load();
    audit.load();
    audit.accessLog().start(background::run);
    breakGlassExpiry.start();
    leases.start(background, periodic);
  }

  /** Stops what lives inside the barrier and forgets cached state, before seal. */
  void sealing() {
    leases.stop();
    // Stores every queued access-log record while the barrier is still open.
    audit.accessLog().stop();
    audit.closeAll();
    mounts.closeAll();
    policies.clear();
    entities.clear();
    accessControl.clear();
    mfa.logins().clear();
    breakGlass.clear();
    tokens.clear();
  }

  private void auditAnomaly(dev.coffer.server.core.quota.AnomalyEvent e) {
    Map<String, Object> fields = new java.util.LinkedHashMap<>();
    fields.put("subject", e.subject().name().toLowerCase(java.util.Locale.ROOT));
    fields.put("entity_id", e.entityId());
    fields.put("path", e.path());
    fields.put("count", e.count());
    fields.put("threshold", e.threshold());
    fields.put("window_seconds", e.window().toSeconds());
    fields.put("blocked", e.blocked());
    audit.warning("read_anomaly", e.tokenAccessor(), fields);
  }
}
