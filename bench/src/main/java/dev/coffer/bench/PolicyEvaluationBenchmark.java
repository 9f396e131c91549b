package dev.coffer.bench;

import dev.coffer.server.core.policy.Acl;
import dev.coffer.server.core.policy.AclDecision;
import dev.coffer.server.core.policy.Capability;
import dev.coffer.server.core.policy.HclPolicyParser;
import dev.coffer.server.core.policy.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link Acl#check} against one ACL merged from 100 policies (built once), each with a realistic
 * mix of exact paths, {@code *} globs and {@code +} segment wildcards: about 400 rules in all. The
 * {@code path} parameter picks which kind of rule decides.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PolicyEvaluationBenchmark {
  static final int POLICIES = 100;

  /** Which kind of rule decides the request. */
  @Param({"exact", "glob", "segment", "denied", "miss"})
  public String path;

  private Acl acl;
  private String requestPath;
  private Capability needed;

  @Setup
  public void buildAcl() {
    List<Policy> policies = new ArrayList<>();
    for (int i = 0; i < POLICIES; i++) {
      policies.add(HclPolicyParser.parse("team-" + i, policyText(i)));
    }
    acl = Acl.of(policies);
    needed = Capability.READ;
    requestPath =
        switch (path) {
          case "exact" -> "secret/data/team-42/db-password";
          case "glob" -> "secret/data/apps/app-57/config/production";
          case "segment" -> "secret/data/ci/repo-13/deploy-key";
          case "denied" -> "secret/data/apps/app-57/restricted/root-ca";
          case "miss" -> "secret/data/unknown/anything";
          default -> throw new IllegalArgumentException(path);
        };
    AclDecision d = acl.check(needed, requestPath, Map.of());
    boolean expected = !path.equals("denied") && !path.equals("miss");
    if (d.allowed() != expected) {
      throw new IllegalStateException("unexpected decision for " + path + ": " + d);
    }
  }

  static String policyText(int i) {
    return "path \"secret/data/team-"
        + i
        + "/db-password\" { capabilities = [\"read\"] }\n"
        + "path \"secret/data/apps/app-"
        + i
        + "/*\" { capabilities = [\"read\", \"list\"] }\n"
        + "path \"secret/data/apps/app-"
        + i
        + "/restricted/*\" { capabilities = [\"deny\"] }\n"
        + "path \"secret/data/ci/+/deploy-key\" { capabilities = [\"read\"] }\n"
        + "path \"secret/metadata/apps/app-"
        + i
        + "/*\" { capabilities = [\"list\", \"read\"] }\n"
        + "path \"sys/capabilities-self\" { capabilities = [\"update\"] }\n";
  }

  @Benchmark
  public AclDecision check() {
    return acl.check(needed, requestPath, Map.of());
  }
}
