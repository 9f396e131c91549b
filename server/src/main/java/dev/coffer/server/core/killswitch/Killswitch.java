package dev.coffer.server.core.killswitch;

import dev.coffer.server.core.audit.AuditBroker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Revokes everything at once: every lease (so dynamic users are dropped and leased reads rotated),
 * then every token that is not a root token, then, when asked, runs every configured rotator. Each
 * step is written to the audit log. Sealing afterwards is the caller's job (it needs the exclusive
 * lock a request does not hold).
 */
public final class Killswitch {
  private static final System.Logger LOG = System.getLogger(Killswitch.class.getName());

  /** Revokes every secret's lease (tokens are the {@link Tokens} step's). */
  @FunctionalInterface
  public interface Leases {
    /** Revokes all; the failures map names each lease that could not be revoked. */
    Outcome revokeAll();
  }

  /** Revokes every token but root tokens; answers how many were revoked. */
  @FunctionalInterface
  public interface Tokens {
    long revokeAllButRoot();
  }

  /** Runs every rotator of every mount. */
  @FunctionalInterface
  public interface Rotators {
    /**
     * {@code <mount><path>} of each rotated secret, mapped to its error ({@code ""} if rotated).
     */
    Map<String, String> rotateAll();
  }

  /** How many leases were revoked, and which failed with what error. */
  public record Outcome(long revoked, Map<String, String> failed) {}

  private final Leases leases;
  private final Tokens tokens;
  private final Rotators rotators;
  private final AuditBroker audit;

  public Killswitch(Leases leases, Tokens tokens, Rotators rotators, AuditBroker audit) {
    this.leases = leases;
    this.tokens = tokens;
    this.rotators = rotators;
    this.audit = audit;
  }

  /**
   * Fires the killswitch.
   *
   * @param rotate whether to run every rotator too
   * @param seal whether the caller seals afterwards (only reported)
   * @param trigger what fired it: {@code api} or {@code heartbeat}
   * @param accessor the accessor of the token that fired it, {@code ""} for the heartbeat
   */
  public KillswitchReport fire(boolean rotate, boolean seal, String trigger, String accessor) {
    LOG.log(System.Logger.Level.WARNING, "killswitch fired by " + trigger);
    step("started", trigger, accessor, Map.of("rotate", rotate, "seal", seal));
    List<KillswitchReport.Failure> failures = new ArrayList<>();

    Outcome leaseOutcome;
    try {
      leaseOutcome = leases.revokeAll();
    } catch (RuntimeException e) {
      leaseOutcome = new Outcome(0, Map.of("leases", describe(e)));
    }
    leaseOutcome.failed().forEach((id, err) -> failures.add(failure("lease " + id, err)));
    step(
        "leases_revoked",
        trigger,
        accessor,
        Map.of("revoked", leaseOutcome.revoked(), "failed", leaseOutcome.failed().size()));

    long revokedTokens = 0;
    try {
      revokedTokens = tokens.revokeAllButRoot();
    } catch (RuntimeException e) {
      failures.add(failure("tokens", describe(e)));
    }
    step("tokens_revoked", trigger, accessor, Map.of("revoked", revokedTokens));

    List<String> rotated = new ArrayList<>();
    if (rotate) {
      Map<String, String> outcome;
      try {
        outcome = rotators.rotateAll();
      } catch (RuntimeException e) {
        outcome = Map.of("rotators", describe(e));
      }
      outcome.forEach(
          (what, err) -> {
            if (err.isEmpty()) {
              rotated.add(what);
            } else {
              failures.add(failure("rotate " + what, err));
            }
          });
      step(
          "secrets_rotated",
          trigger,
          accessor,
          Map.of("rotated", rotated, "failed", outcome.size() - rotated.size()));
    }
    KillswitchReport report =
        new KillswitchReport(leaseOutcome.revoked(), revokedTokens, rotated, failures, seal);
    Map<String, Object> done = new LinkedHashMap<>();
    done.put("failures", failures.stream().map(KillswitchReport.Failure::what).toList());
    done.put("seal", seal);
    step("finished", trigger, accessor, done);
    return report;
  }

  private void step(String step, String trigger, String accessor, Map<String, Object> fields) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("step", step);
    f.put("trigger", trigger);
    f.putAll(fields);
    try {
      audit.warning("killswitch", accessor, f);
    } catch (RuntimeException e) {
      // The killswitch must not stop half-way because an audit device is down.
      LOG.log(System.Logger.Level.ERROR, "killswitch: audit of step " + step + " failed");
    }
  }

  private static KillswitchReport.Failure failure(String what, String error) {
    return new KillswitchReport.Failure(what, error == null || error.isEmpty() ? "failed" : error);
  }

  private static String describe(RuntimeException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
