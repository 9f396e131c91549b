package dev.coffer.server.core.token;

import static dev.coffer.server.core.token.TokenHarness.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenStoreTest {
  private final TokenHarness h = new TokenHarness();

  @Test
  void anExpiredTokenIsRefusedAtOnceWithoutTidy() {
    String t = h.create(h.root, map("ttl", "60s", "policies", "dev"));
    h.clock.advance(Duration.ofSeconds(59));
    assertThat(h.store.authenticate(t).policies()).containsExactly("default", "dev");

    h.clock.advance(Duration.ofSeconds(1));

    assertDenied(t);
    assertThat(h.store.lookup(t)).isEmpty();
  }

  @Test
  void aChildStopsWorkingWhenItsParentExpires() {
    String parent = h.create(h.root, map("ttl", "60s"));
    String child = h.create(parent, map("ttl", "1h"));

    h.clock.advance(Duration.ofSeconds(60));

    assertDenied(child);
  }

  @Test
  void numUsesOneIsSingleUseAndTheTokenIsRevokedAfterThatUse() {
    String t = h.create(h.root, map("num_uses", 1));

    Map<String, Object> first = h.lookupSelf(t);

    assertThat(first).containsEntry("num_uses", 0L).containsEntry("id", t);
    assertDenied(t);
    assertThat(h.backend.list("sys/token/id/")).hasSize(1);
  }

  @Test
  void eachAuthenticatedUseTakesOneUse() {
    String t = h.create(h.root, map("num_uses", 3));

    assertThat(h.store.authenticate(t).numUses()).isEqualTo(2);
    assertThat(h.lookupSelf(t)).containsEntry("num_uses", 1L);
    assertThat(h.lookupSelf(t)).containsEntry("num_uses", 0L);
    assertDenied(t);
  }

  @Test
  void revokingAParentRevokesItsWholeSubtreeAndItsIndexRows() {
    String a = h.create(h.root, map());
    String b = h.create(a, map());
    String c = h.create(b, map());
    String sibling = h.create(h.root, map());

    h.post(h.root, "revoke", map("token", a));

    assertDenied(a);
    assertDenied(b);
    assertDenied(c);
    h.store.authenticate(sibling);
    h.store.authenticate(h.root);
    assertThat(h.backend.list("sys/token/id/")).hasSize(2);
    assertThat(h.backend.list("sys/token/accessor/")).hasSize(2);
    assertThat(h.backend.list("sys/token/parent/")).hasSize(1);
  }

  @Test
  void revokeSelfTakesTheChildrenWithIt() {
    String a = h.create(h.root, map());
    String b = h.create(a, map());

    h.post(a, "revoke-self", map());

    assertDenied(a);
    assertDenied(b);
  }

  @Test
  void revokeOrphanLeavesTheChildrenAsWorkingOrphans() {
    String a = h.create(h.root, map());
    String b = h.create(a, map());
    assertThat(h.lookupSelf(b)).containsEntry("orphan", false);

    h.post(h.root, "revoke-orphan", map("token", a));

    assertDenied(a);
    assertThat(h.lookupSelf(b)).containsEntry("orphan", true);
  }

  @Test
  void revokeOrphanNeedsRoot() {
    String a = h.create(h.root, map("policies", "dev"));

    assertThatThrownBy(() -> h.post(a, "revoke-orphan", map("token", a)))
        .isInstanceOfSatisfying(
            CofferException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST));
  }

  @Test
  void orphansSurviveTheRevocationOfTheirCreator() {
    String a = h.create(h.root, map("policies", "dev"));
    String orphan = h.post(a, "create-orphan", map()).auth().clientToken();

    h.post(h.root, "revoke", map("token", a));

    assertThat(h.lookupSelf(orphan))
        .containsEntry("orphan", true)
        .containsEntry("path", "auth/token/create-orphan");
  }

  @Test
  void lookupByAccessorNeverShowsTheIdAndRevokeByAccessorRevokes() {
    String t = h.create(h.root, map("display_name", "ci"));
    String accessor = h.store.lookup(t).orElseThrow().accessor();

    Map<String, Object> seen = h.post(h.root, "lookup-accessor", map("accessor", accessor)).data();

    assertThat(seen).containsEntry("id", "").containsEntry("display_name", "token-ci");
    assertThat(seen.toString()).doesNotContain(t);
    h.post(h.root, "revoke-accessor", map("accessor", accessor));
    assertDenied(t);
    assertThatThrownBy(() -> h.post(h.root, "lookup-accessor", map("accessor", accessor)))
        .hasMessage("invalid accessor");
  }

  @Test
  void theBackendHoldsNoTokenIdOrAccessorInClear() {
    String parent = h.create(h.root, map());
    String child = h.create(parent, map("meta", map("team", "blue")));
    String accessor = h.store.lookup(child).orElseThrow().accessor();

    String all = h.dump();

    assertThat(all)
        .doesNotContain(h.root)
        .doesNotContain(parent)
        .doesNotContain(child)
        .doesNotContain(child.substring(TokenIds.PREFIX.length()))
        .doesNotContain(accessor)
        .doesNotContain("blue");
    assertThat(h.backend.list("sys/token/id/")).hasSize(3).allMatch(k -> k.matches("[0-9a-f]{64}"));
  }

  @Test
  void tidyRemovesExpiredTokensAndDanglingIndexRows() {
    String shortLived = h.create(h.root, map("ttl", "10s"));
    h.create(shortLived, map("ttl", "1h"));
    String keeper = h.create(h.root, map("ttl", "1h"));
    h.store
        .storage()
        .put(
            "sys/token/accessor/" + "ab".repeat(32),
            dev.coffer.server.core.Json.write(Map.of("id_hmac", "00".repeat(32))));
    h.clock.advance(Duration.ofSeconds(10));

    Map<String, Object> result = h.post(h.root, "tidy", map()).data();

    assertThat(result).containsEntry("revoked_tokens", 2);
    assertThat(h.backend.list("sys/token/id/")).hasSize(2);
    assertThat(h.backend.list("sys/token/accessor/")).hasSize(2);
    assertThat(h.backend.list("sys/token/parent/")).isEmpty();
    h.store.authenticate(keeper);
  }

  @Test
  void tidyRevokesChildrenLeftUnderAMissingParent() {
    String a = h.create(h.root, map());
    String b = h.create(a, map());
    h.backend.delete("sys/token/id/" + h.store.hash(a));
    assertDenied(b);

    h.post(h.root, "tidy", map());

    assertThat(h.backend.list("sys/token/id/")).hasSize(1);
    assertThat(h.backend.list("sys/token/parent/")).isEmpty();
  }

  @Test
  void theRootTokenIsAnOrphanWithoutTtl() {
    assertThat(h.lookupSelf(h.root))
        .containsEntry("policies", java.util.List.of("root"))
        .containsEntry("path", "auth/token/root")
        .containsEntry("orphan", true)
        .containsEntry("ttl", 0L)
        .containsEntry("expire_time", null)
        .containsEntry("renewable", false);
  }

  @Test
  void creatingTheSameRootIdAgainKeepsTheToken() {
    h.store.createRoot("dev-root");
    String child = h.create("dev-root", map());

    h.store.createRoot("dev-root");

    h.store.authenticate(child);
    h.store.authenticate("dev-root");
  }

  private void assertDenied(String token) {
    assertThatThrownBy(() -> h.store.authenticate(token))
        .isInstanceOfSatisfying(
            CofferException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
              assertThat(e.errors()).containsExactly("permission denied");
            });
  }
}
