package dev.coffer.server.core.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.backend.local.storage.InMemoryStorageBackend;
import dev.coffer.server.core.RequestMethod;
import dev.coffer.server.core.barrier.Barrier;
import dev.coffer.server.core.identity.EntityStore;
import dev.coffer.server.core.identity.StoredEntityResolver;
import dev.coffer.server.core.mount.Dispatch;
import dev.coffer.server.core.mount.MountEntry;
import dev.coffer.server.core.mount.MountedEngine;
import dev.coffer.server.core.policy.Capability;
import dev.coffer.server.core.policy.store.PolicyStore;
import dev.coffer.server.core.token.TokenEntry;
import dev.coffer.spi.ClientInfo;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Response;
import dev.coffer.spi.SecretsEngine;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Enforcement against real stores and a real mounted engine, resolved as the core resolves. */
class PolicyAccessControlTest {
  private final Barrier barrier = new Barrier(new InMemoryStorageBackend());
  private final Set<String> existing = ConcurrentHashMap.newKeySet();
  private final MountedEngine secret = mounted("secret/", false);
  private final MountedEngine guarded = mounted("guarded/", true);
  private PolicyStore policies;
  private EntityStore entities;
  private PolicyAccessControl access;

  @BeforeEach
  void unseal() {
    barrier.initialize(new byte[32], Instant.now());
    policies = new PolicyStore(barrier);
    entities = new EntityStore(barrier, Clock.systemUTC());
    access = new PolicyAccessControl(policies, entities);
  }

  @Test
  void aTokenWithReadOnAPrefixReadsThereAndIsDeniedElsewhere() {
    policies.put("app", "path \"secret/data/app/*\" { capabilities = [\"read\"] }");
    TokenEntry token = token("app");

    assertAllowed(token, RequestMethod.GET, "secret/data/app/db");
    assertDenied(token, RequestMethod.GET, "secret/data/other");
    assertDenied(token, RequestMethod.GET, "secret/data/app");
    assertDenied(token, RequestMethod.DELETE, "secret/data/app/db");
  }

  @Test
  void createNeedsCreateAndOverwritingNeedsUpdate() {
    policies.put("creator", "path \"secret/*\" { capabilities = [\"create\"] }");
    policies.put("updater", "path \"secret/*\" { capabilities = [\"update\"] }");
    existing.add("old");

    assertAllowed(token("creator"), RequestMethod.PUT, "secret/new");
    assertDenied(token("creator"), RequestMethod.PUT, "secret/old");
    assertAllowed(token("updater"), RequestMethod.PUT, "secret/old");
    assertDenied(token("updater"), RequestMethod.PUT, "secret/new");
  }

  @Test
  void denyWinsOverGrantsOfOtherPoliciesOnTheSamePattern() {
    policies.put("reader", "path \"secret/data/*\" { capabilities = [\"read\", \"sudo\"] }");
    policies.put("fence", "path \"secret/data/*\" { capabilities = [\"deny\"] }");

    assertAllowed(token("reader"), RequestMethod.GET, "secret/data/x");
    assertDenied(token("reader", "fence"), RequestMethod.GET, "secret/data/x");
  }

  @Test
  void theMostSpecificOfPlusAndStarRulesDecides() {
    policies.put(
        "mixed",
        """
        path "secret/+/teamb" { capabilities = ["deny"] }
        path "secret/*" { capabilities = ["read"] }
        path "secret/team*" { capabilities = ["deny"] }
        path "secret/+/teamb/*" { capabilities = ["update"] }
        path "secret/teamc/*" { capabilities = ["read"] }
        """);
    TokenEntry t = token("mixed");

    // The + rule's wildcard comes later than secret/*'s, so it wins for secret/x/teamb.
    assertDenied(t, RequestMethod.GET, "secret/x/teamb");
    assertAllowed(t, RequestMethod.GET, "secret/x/other");
    // A longer * prefix beats a shorter one.
    assertDenied(t, RequestMethod.GET, "secret/teama");
    assertAllowed(t, RequestMethod.GET, "secret/teamc/app");
    // secret/teamc/* beats secret/+/teamb/* because its first wildcard comes later.
    assertAllowed(t, RequestMethod.GET, "secret/teamc/teamb/x");
    assertDenied(t, RequestMethod.PUT, "secret/teamc/teamb/x");
    // Same first wildcard, both end in *: the rule with more + segments loses to secret/*.
    assertAllowed(t, RequestMethod.GET, "secret/y/teamb/x");
    assertDenied(t, RequestMethod.PUT, "secret/y/teamb/x");
  }

  @Test
  void aTemplatedPolicyGivesEachEntityOnlyItsOwnPath() {
    policies.put(
        "own",
        """
        path "secret/data/{{identity.entity.aliases.auth_jwt_1.metadata.repo}}/*" {
          capabilities = ["read"]
        }
        path "secret/data/by-id/{{identity.entity.id}}" { capabilities = ["read"] }
        """);
    StoredEntityResolver resolver = new StoredEntityResolver(entities);
    String a = resolver.resolve("auth_jwt_1", "sub-a", Map.of("repo", "alpha"));
    String b = resolver.resolve("auth_jwt_1", "sub-b", Map.of("repo", "beta"));
    TokenEntry token = token("own");

    assertAllowed(token, a, RequestMethod.GET, "secret/data/alpha/db");
    assertDenied(token, a, RequestMethod.GET, "secret/data/beta/db");
    assertAllowed(token, b, RequestMethod.GET, "secret/data/beta/db");
    assertAllowed(token, a, RequestMethod.GET, "secret/data/by-id/" + a);
    assertDenied(token, a, RequestMethod.GET, "secret/data/by-id/" + b);
    assertDenied(token, "", RequestMethod.GET, "secret/data/alpha/db");
  }

  @Test
  void entityPoliciesAddToTheTokensAndADisabledEntityIsRefused() {
    policies.put("extra", "path \"secret/extra\" { capabilities = [\"read\"] }");
    String id = entities.create("svc", Map.of(), List.of("extra", "root"), false).id();

    assertAllowed(token("default"), id, RequestMethod.GET, "secret/extra");
    assertDenied(token("default"), id, RequestMethod.GET, "secret/other");

    entities.update(id, null, null, null, true);
    assertDenied(token("default"), id, RequestMethod.GET, "secret/extra");
  }

  @Test
  void aSudoPathNeedsSudoBesidesTheOperationsCapability() {
    policies.put("plain", "path \"guarded/*\" { capabilities = [\"update\", \"read\"] }");
    policies.put("sudo", "path \"guarded/*\" { capabilities = [\"update\", \"sudo\"] }");
    existing.add("x");

    assertDenied(token("plain"), RequestMethod.PUT, "guarded/x");
    assertAllowed(token("sudo"), RequestMethod.PUT, "guarded/x");
    assertThatThrownBy(
            () -> access.authorizeSudo(token("plain"), "", Capability.UPDATE, "guarded/x"))
        .isInstanceOf(CofferException.class);
    assertThatCode(() -> access.authorizeSudo(token("sudo"), "", Capability.UPDATE, "guarded/x"))
        .doesNotThrowAnyException();
  }

  @Test
  void rootTokensAndUnauthenticatedPathsPass() {
    assertAllowed(token("root"), RequestMethod.PUT, "guarded/x");
    assertThatCode(() -> access.authorize(null, resolve(RequestMethod.GET, "secret/x", "")))
        .doesNotThrowAnyException();
  }

  @Test
  void parameterConstraintsSeeTheRequestData() {
    policies.put(
        "limited",
        """
        path "secret/*" {
          capabilities = ["create"]
          allowed_parameters = {
            "size" = []
          }
        }
        """);

    assertThatCode(
            () ->
                access.authorize(
                    token("limited"),
                    resolve(RequestMethod.PUT, "secret/p", "", Map.of("size", "1"))))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () ->
                access.authorize(
                    token("limited"),
                    resolve(RequestMethod.PUT, "secret/p", "", Map.of("colour", "red"))))
        .isInstanceOf(CofferException.class);
  }

  @Test
  void listIsCheckedOnTheFolder() {
    policies.put("lister", "path \"secret/app/\" { capabilities = [\"list\"] }");

    assertAllowed(token("lister"), RequestMethod.LIST, "secret/app");
    assertDenied(token("lister"), RequestMethod.LIST, "secret/other");
  }

  @Test
  void capabilitiesReportTheDecidingRule() {
    policies.put("app", "path \"secret/app/*\" { capabilities = [\"read\", \"list\"] }");

    assertThat(access.acl(List.of("app"), "").capabilities("secret/app/x"))
        .containsExactly("list", "read");
    assertThat(access.acl(List.of("app"), "").capabilities("secret/other")).containsExactly("deny");
    assertThat(access.acl(List.of("root"), "").capabilities("anything")).containsExactly("root");
  }

  private void assertAllowed(TokenEntry token, RequestMethod method, String path) {
    assertAllowed(token, "", method, path);
  }

  private void assertAllowed(TokenEntry token, String entity, RequestMethod method, String path) {
    assertThatCode(() -> access.authorize(token, resolve(method, path, entity)))
        .as("%s %s", method, path)
        .doesNotThrowAnyException();
  }

  private void assertDenied(TokenEntry token, RequestMethod method, String path) {
    assertDenied(token, "", method, path);
  }

  private void assertDenied(TokenEntry token, String entity, RequestMethod method, String path) {
    assertThatThrownBy(() -> access.authorize(token, resolve(method, path, entity)))
        .as("%s %s", method, path)
        .isInstanceOfSatisfying(
            CofferException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
              assertThat(e.errors()).containsExactly("permission denied");
            });
  }

  private Dispatch.Resolved resolve(RequestMethod method, String path, String entity) {
    return resolve(method, path, entity, Map.of());
  }

  private Dispatch.Resolved resolve(
      RequestMethod method, String path, String entity, Map<String, Object> data) {
    MountedEngine mount = path.startsWith("guarded/") ? guarded : secret;
    Dispatch.Match match = Dispatch.find(mount, path, method).orElseThrow();
    ClientInfo client = new ClientInfo("127.0.0.1", "acc", "test", List.of(), entity);
    return Dispatch.resolve(match, method, data, "req", client);
  }

  private static TokenEntry token(String... policies) {
    return new TokenEntry(
        "accessor",
        List.of(policies),
        Map.of(),
        "test",
        0,
        java.time.Instant.EPOCH,
        0,
        null,
        0,
        0,
        false,
        "",
        "auth/token/create",
        "",
        "",
        List.of(),
        null);
  }

  private MountedEngine mounted(String path, boolean sudo) {
    PathSpec.Builder b =
        PathSpec.builder("{path:+}")
            .on(Operation.READ, r -> Response.empty())
            .on(Operation.CREATE, r -> Response.empty())
            .on(Operation.UPDATE, r -> Response.empty())
            .on(Operation.DELETE, r -> Response.empty())
            .on(Operation.LIST, r -> Response.empty())
            .existence(r -> existing.contains(r.path()));
    if (sudo) {
      b.sudo();
    }
    PathSpec spec = b.build();
    SecretsEngine engine = () -> List.of(spec);
    MountEntry entry =
        new MountEntry(path, "test", "", "uuid-" + path, "test_1", Map.of(), 0, 0, false, false);
    return new MountedEngine(entry, engine);
  }
}
