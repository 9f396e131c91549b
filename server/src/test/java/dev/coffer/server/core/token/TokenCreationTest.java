package dev.coffer.server.core.token;

import static dev.coffer.server.core.token.TokenHarness.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.spi.AuthResult;
import dev.coffer.spi.Operation;
import dev.coffer.spi.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TokenCreationTest {
  private final AtomicReference<String> resolvedAlias = new AtomicReference<>();
  private final TokenHarness h =
      new TokenHarness(
          (accessor, alias, metadata) -> {
            resolvedAlias.set(accessor + ":" + alias);
            return "entity-" + alias;
          });

  @Test
  void createAnswersTheAuthBlockWithTheDefaultPolicyAdded() {
    Response r =
        h.post(
            h.root,
            "create",
            map("policies", List.of("Dev", "ops"), "ttl", "1h", "meta", map("team", "blue")));

    AuthResult auth = r.auth();
    assertThat(r.data()).isNull();
    assertThat(auth.clientToken()).startsWith("cfs.").hasSize(36);
    assertThat(auth.policies()).containsExactly("default", "dev", "ops");
    assertThat(auth.tokenPolicies()).isEqualTo(auth.policies());
    assertThat(auth.identityPolicies()).isNull();
    assertThat(auth.metadata()).containsEntry("team", "blue");
    assertThat(auth.leaseDuration()).isEqualTo(3600);
    assertThat(auth.renewable()).isTrue();
    assertThat(auth.orphan()).isFalse();
    assertThat(auth.tokenType()).isEqualTo("service");
    assertThat(auth.toString()).doesNotContain(auth.clientToken());
  }

  @Test
  void aTokenWithoutPoliciesInheritsItsParentsAndNoDefaultPolicyDropsDefault() {
    String dev = h.create(h.root, map("policies", "dev"));

    assertThat(h.post(dev, "create", map()).auth().policies()).containsExactly("default", "dev");
    assertThat(h.post(dev, "create", map("no_default_policy", true)).auth().policies())
        .containsExactly("dev");
    assertThat(h.post(h.root, "create", map()).auth().policies()).containsExactly("root");
    assertThat(h.post(h.root, "create", map()).auth().leaseDuration()).isZero();
  }

  @Test
  void childPoliciesMustBeASubsetOfTheParentsUnlessTheParentIsRoot() {
    String dev = h.create(h.root, map("policies", "dev"));

    assertThatThrownBy(() -> h.post(dev, "create", map("policies", "dev,admin")))
        .hasMessage("child policies must be subset of parent");
    assertThatThrownBy(() -> h.post(dev, "create", map("policies", "root")))
        .hasMessage("child policies must be subset of parent");
    assertThat(h.post(dev, "create", map("policies", "default")).auth().policies())
        .containsExactly("default");
  }

  @Test
  void onlyRootMayCreateOrphansWithNoParentPeriodicTokensOrCustomIds() {
    String dev = h.create(h.root, map("policies", "dev"));

    assertThatThrownBy(() -> h.post(dev, "create", map("no_parent", true)))
        .hasMessage("root or sudo privileges required to create orphan token");
    assertThatThrownBy(() -> h.post(dev, "create", map("period", "1h")))
        .hasMessage("root or sudo privileges required to create periodic token");
    assertThatThrownBy(() -> h.post(dev, "create", map("id", "mine")))
        .hasMessage("root or sudo privileges required to specify token id");
    assertThat(h.post(h.root, "create", map("no_parent", true)).auth().orphan()).isTrue();
    assertThat(h.post(h.root, "create", map("id", "custom-id")).auth().clientToken())
        .isEqualTo("custom-id");
    assertThatThrownBy(() -> h.post(h.root, "create", map("id", "custom-id")))
        .hasMessage("cannot create a token with a duplicate ID");
  }

  @Test
  void theDisplayNameIsPrefixedAndSanitisedAsVaultDoes() {
    String t = h.create(h.root, map("display_name", "ci job/42!"));

    assertThat(h.lookupSelf(t)).containsEntry("display_name", "token-ci-job-42");
    assertThat(h.lookupSelf(h.create(h.root, map()))).containsEntry("display_name", "token");
  }

  @Test
  void badValuesAreRefusedWithVaultsMessages() {
    assertThatThrownBy(() -> h.post(h.root, "create", map("num_uses", -1)))
        .hasMessage("number of uses cannot be negative");
    assertThatThrownBy(() -> h.post(h.root, "create", map("type", "batch")))
        .hasMessage("batch tokens are not supported");
    assertThatThrownBy(() -> h.post(h.root, "create/nope", map())).hasMessage("unknown role nope");
  }

  @Test
  void renewExtendsByTheIncrementButNeverPastTheExplicitMaxTtl() {
    String t = h.create(h.root, map("ttl", "1h", "explicit_max_ttl", "2h"));
    h.clock.advance(Duration.ofMinutes(30));

    Response renewed = h.post(t, "renew-self", map("increment", "1h"));
    assertThat(renewed.auth().leaseDuration()).isEqualTo(3600);
    assertThat(renewed.auth().clientToken()).isEqualTo(t);

    h.clock.advance(Duration.ofMinutes(50));
    Response capped = h.post(h.root, "renew", map("token", t, "increment", "1h"));
    assertThat(capped.auth().leaseDuration()).isEqualTo(2400);
    assertThat(capped.warnings()).hasSize(1);
    assertThat(h.lookupSelf(t)).containsKeys("last_renewal", "last_renewal_time");

    h.clock.advance(Duration.ofMinutes(40));
    assertThatThrownBy(() -> h.store.authenticate(t)).hasMessage("permission denied");
  }

  @Test
  void aPeriodicTokenRenewsToItsPeriod() {
    String t = h.create(h.root, map("period", "10m", "ttl", "1h"));
    assertThat(h.lookupSelf(t)).containsEntry("period", 600L).containsEntry("ttl", 600L);
    h.clock.advance(Duration.ofMinutes(9));

    assertThat(h.post(t, "renew-self", map("increment", "5h")).auth().leaseDuration())
        .isEqualTo(600);
    h.clock.advance(Duration.ofMinutes(9));
    h.store.authenticate(t);
  }

  @Test
  void aNonRenewableTokenCannotBeRenewed() {
    String t = h.create(h.root, map("ttl", "1h", "renewable", false));

    assertThatThrownBy(() -> h.post(t, "renew-self", map())).hasMessage("lease is not renewable");
    assertThatThrownBy(() -> h.post(h.root, "renew-self", map()))
        .hasMessage("lease is not renewable");
  }

  @Test
  void lookupShowsVaultsFieldsForTheTokenGiven() {
    String t = h.create(h.root, map("ttl", "1h", "meta", map("a", "b"), "num_uses", 5));

    Map<String, Object> d = h.post(h.root, "lookup", map("token", t)).data();

    assertThat(d)
        .containsEntry("id", t)
        .containsEntry("ttl", 3600L)
        .containsEntry("creation_ttl", 3600L)
        .containsEntry("num_uses", 5L)
        .containsEntry("meta", Map.of("a", "b"))
        .containsEntry("path", "auth/token/create")
        .containsEntry("type", "service")
        .containsEntry("expire_time", "2026-01-01T01:00:00Z")
        .containsEntry("issue_time", "2026-01-01T00:00:00Z")
        .containsEntry("creation_time", 1767225600L);
    assertThatThrownBy(() -> h.post(h.root, "lookup", map("token", "cfs.nothing")))
        .hasMessage("bad token");
  }

  @Test
  void aRoleDecidesPoliciesOrphanPathAndRenewability() {
    h.post(
        h.root,
        "roles/CI",
        map(
            "allowed_policies", "dev,ops",
            "disallowed_policies", "admin",
            "orphan", true,
            "renewable", false,
            "token_explicit_max_ttl", "2h",
            "path_suffix", "v1"));
    String dev = h.create(h.root, map("policies", "dev"));

    AuthResult auth = h.post(dev, "create/ci", map("policies", "ops", "ttl", "1h")).auth();

    assertThat(auth.policies()).containsExactly("default", "ops");
    assertThat(auth.orphan()).isTrue();
    assertThat(auth.renewable()).isFalse();
    assertThat(h.lookupSelf(auth.clientToken()))
        .containsEntry("path", "auth/token/create/ci/v1")
        .containsEntry("role", "ci")
        .containsEntry("explicit_max_ttl", 7200L);
    assertThat(h.post(dev, "create/ci", map()).auth().policies())
        .containsExactly("default", "dev", "ops");
    assertThatThrownBy(() -> h.post(dev, "create/ci", map("policies", "qa")))
        .hasMessage(
            "token policies ([\"default\" \"qa\"]) must be subset of the role's allowed"
                + " policies ([\"default\" \"dev\" \"ops\"])");
  }

  @Test
  void aRoleWithDisallowedPoliciesRefusesThemAndIgnoresTheParentsPolicies() {
    h.post(h.root, "roles/open", map("disallowed_policies", "admin"));
    String dev = h.create(h.root, map("policies", "dev"));

    assertThat(h.post(dev, "create/open", map("policies", "ops")).auth().policies())
        .containsExactly("default", "ops");
    assertThatThrownBy(() -> h.post(h.root, "create/open", map("policies", "admin,ops")))
        .hasMessage("token policy \"admin\" is disallowed by this role");
  }

  @Test
  void useLimitedAndExpiringTokensAreLimitedInWhatTheyCreate() {
    String limited = h.create(h.root, map("num_uses", 5));
    String expiring = h.create(h.root, map("ttl", "1h"));

    assertThatThrownBy(() -> h.post(limited, "create", map()))
        .hasMessage("restricted use token cannot generate child tokens");
    assertThatThrownBy(() -> h.post(expiring, "create", map()))
        .hasMessage("expiring root tokens cannot create non-expiring root tokens");
    assertThat(h.post(expiring, "create", map("ttl", "2h")).auth().leaseDuration()).isEqualTo(7200);
  }

  @Test
  void rolesAreReadListedUpdatedAndDeleted() {
    h.post(h.root, "roles/a", map("allowed_policies", "x", "token_period", "1h"));
    h.post(h.root, "roles/b", map());
    h.post(h.root, "roles/a", map("orphan", true));

    assertThat(h.call(h.root, Operation.LIST, "roles", map()).data())
        .containsEntry("keys", List.of("a", "b"));
    assertThat(h.call(h.root, Operation.READ, "roles/a", map()).data())
        .containsEntry("allowed_policies", List.of("x"))
        .containsEntry("orphan", true)
        .containsEntry("token_period", 3600L)
        .containsEntry("period", 3600L)
        .containsEntry("renewable", true)
        .containsEntry("name", "a");
    h.call(h.root, Operation.DELETE, "roles/a", map());
    assertThatThrownBy(() -> h.call(h.root, Operation.READ, "roles/a", map()))
        .isInstanceOf(dev.coffer.spi.CofferException.class);
  }

  @Test
  void anEntityAliasNeedsARoleThatAllowsIt() {
    h.post(h.root, "roles/svc", map("allowed_entity_aliases", "web-*"));

    assertThat(h.post(h.root, "create/svc", map("entity_alias", "web-1")).auth().entityId())
        .isEqualTo("entity-web-1");
    assertThat(resolvedAlias.get()).isEqualTo("auth_token_test:web-1");
    assertThatThrownBy(() -> h.post(h.root, "create/svc", map("entity_alias", "db-1")))
        .hasMessage("invalid 'entity_alias' value");
    assertThatThrownBy(() -> h.post(h.root, "create", map("entity_alias", "web-1")))
        .hasMessage("'entity_alias' is only allowed in combination with token role");
  }

  @Test
  void childrenInheritTheEntityOfTheirParent() {
    h.post(h.root, "roles/svc", map("allowed_entity_aliases", "*"));
    String withEntity = h.post(h.root, "create/svc", map("entity_alias", "w")).auth().clientToken();

    assertThat(h.post(withEntity, "create", map()).auth().entityId()).isEqualTo("entity-w");
  }
}
