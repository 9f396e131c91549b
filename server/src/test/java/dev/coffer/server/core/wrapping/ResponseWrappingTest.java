package dev.coffer.server.core.wrapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.backend.local.storage.InMemoryStorageBackend;
import dev.coffer.server.core.barrier.Barrier;
import dev.coffer.server.core.policy.BuiltInPolicies;
import dev.coffer.server.core.token.CallerTokens;
import dev.coffer.server.core.token.TokenEntry;
import dev.coffer.server.core.token.TokenStore;
import dev.coffer.spi.AuthResult;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.Response;
import dev.coffer.spi.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The wrapping service over a real in-memory barrier and token store, with a clock we move. */
class ResponseWrappingTest {
  private static final String SECRET = "s3cret-wrapped-value";

  private final InMemoryStorageBackend backend = new InMemoryStorageBackend();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final Barrier barrier = new Barrier(backend);
  private final TokenStore tokens;
  private final CallerTokens callers = new CallerTokens();
  private final ResponseWrapping wrapping;

  ResponseWrappingTest() {
    barrier.initialize(new byte[32], clock.instant());
    tokens = new TokenStore(barrier, clock);
    wrapping = new ResponseWrapping(barrier, tokens, callers, clock);
  }

  @Test
  void theWrappingTokenIsASingleUseOrphanNonRenewableTokenWithOnlyTheWrappingPolicy() {
    WrapInfo info = wrapping.apply("r1", Duration.ofMinutes(5), "secret/data/app", secret());

    TokenEntry entry = tokens.lookup(info.token()).orElseThrow();
    assertThat(entry.policies()).containsExactly(BuiltInPolicies.RESPONSE_WRAPPING);
    assertThat(entry.numUses()).isEqualTo(1);
    assertThat(entry.orphan()).isTrue();
    assertThat(entry.renewable()).isFalse();
    assertThat(entry.ttlAt(clock.instant())).isEqualTo(300);
    assertThat(entry.accessor()).isEqualTo(info.accessor());
    assertThat(info.ttl()).isEqualTo(300);
    assertThat(info.creationPath()).isEqualTo("secret/data/app");
    assertThat(info.creationTime()).isEqualTo(clock.instant());
    assertThat(info.wrappedAccessor()).isEmpty();
    assertThat(info.toString()).doesNotContain(info.token());
  }

  @Test
  void theResponseIsStoredEncryptedUnderTheHmacOfTheTokenNeverUnderTheTokenItself() {
    WrapInfo info = wrapping.apply("r1", Duration.ofMinutes(5), "secret/data/app", secret());

    List<String> keys = backend.list(WrappedResponses.PREFIX);
    assertThat(keys).hasSize(1);
    assertThat(keys.get(0)).doesNotContain(info.token()).matches("[0-9a-f]{64}");
    String stored =
        new String(
            backend.get(WrappedResponses.PREFIX + keys.get(0)).orElseThrow(),
            StandardCharsets.ISO_8859_1);
    assertThat(stored).doesNotContain(SECRET).doesNotContain(info.token());
  }

  @Test
  void unwrapByParameterAnswersTheResponseOnceAndRevokesTheToken() {
    WrapInfo info = wrapping.apply("r1", Duration.ofMinutes(5), "secret/data/app", secret());

    Response unwrapped = wrapping.unwrap("r2", info.token());

    assertThat(unwrapped.data()).containsEntry("password", SECRET);
    assertThat(unwrapped.warnings()).containsExactly("kept");
    assertThat(tokens.lookup(info.token())).isEmpty();
    assertThat(backend.list(WrappedResponses.PREFIX)).isEmpty();
    assertThatThrownBy(() -> wrapping.unwrap("r3", info.token()))
        .isInstanceOf(CofferException.class)
        .hasMessageContaining("wrapping token is not valid or does not exist");
  }

  @Test
  void unwrapWithTheWrappingTokenAsClientTokenUsesTheBoundCaller() {
    WrapInfo info = wrapping.apply("r1", Duration.ofMinutes(5), "secret/data/app", secret());
    TokenEntry used = tokens.authenticate(info.token());

    try (CallerTokens.Binding b = callers.bind("r2", info.token(), used)) {
      assertThat(wrapping.unwrap("r2", "").data()).containsEntry("password", SECRET);
    } finally {
      tokens.finishUse(used);
    }
    assertThat(tokens.lookup(info.token())).isEmpty();
  }

  @Test
  void anOrdinaryTokenIsNotAWrappingToken() {
    String plain = tokens.create(List.of("default"), "plain");

    assertThatThrownBy(() -> wrapping.unwrap("r1", plain))
        .hasMessageContaining("wrapping token is not valid or does not exist");
    assertThatThrownBy(() -> wrapping.lookup(plain))
        .hasMessageContaining("wrapping token is not valid or does not exist");
    assertThat(tokens.lookup(plain)).isPresent();
  }

  @Test
  void rewrapMovesTheResponseToANewTokenWithTheOriginalTtlAndPath() {
    WrapInfo old = wrapping.apply("r1", Duration.ofMinutes(5), "secret/data/app", secret());
    clock.advance(Duration.ofMinutes(1));

    assertThat(wrapping.rewrap("r2", old.token()).data()).isNull();
    WrapInfo fresh = wrapping.apply("r2", null, "sys/wrapping/rewrap", Response.empty());

    assertThat(fresh.token()).isNotEqualTo(old.token());
    assertThat(fresh.ttl()).isEqualTo(300);
    assertThat(fresh.creationPath()).isEqualTo("secret/data/app");
    assertThat(tokens.lookup(old.token())).isEmpty();
    assertThat(wrapping.unwrap("r3", fresh.token()).data()).containsEntry("password", SECRET);
  }

  @Test
  void lookupAnswersCreationFactsAndLeavesTheTokenUsable() {
    WrapInfo info = wrapping.apply("r1", Duration.ofSeconds(90), "secret/data/app", secret());

    Map<String, Object> looked = wrapping.lookup(info.token()).data();

    assertThat(looked)
        .containsEntry("creation_path", "secret/data/app")
        .containsEntry("creation_time", "2026-01-01T00:00:00Z")
        .containsEntry("creation_ttl", 90L);
    assertThat(wrapping.unwrap("r2", info.token()).data()).containsEntry("password", SECRET);
    assertThatThrownBy(() -> wrapping.lookup(""))
        .hasMessageContaining("missing \"token\" value in input");
  }

  @Test
  void anExpiredWrappingTokenNoLongerUnwrapsAndItsResponseIsSwept() {
    WrapInfo info = wrapping.apply("r1", Duration.ofSeconds(10), "secret/data/app", secret());
    clock.advance(Duration.ofSeconds(10));

    assertThatThrownBy(() -> wrapping.unwrap("r2", info.token()))
        .hasMessageContaining("wrapping token is not valid or does not exist");
    assertThat(wrapping.sweep()).isEqualTo(1);
    assertThat(backend.list(WrappedResponses.PREFIX)).isEmpty();
  }

  @Test
  void theSweepKeepsResponsesWhoseTokenStillWorks() {
    wrapping.apply("r1", Duration.ofSeconds(10), "a", secret());
    wrapping.apply("r2", Duration.ofHours(1), "b", secret());
    clock.advance(Duration.ofMinutes(1));

    assertThat(wrapping.sweep()).isEqualTo(1);
    assertThat(backend.list(WrappedResponses.PREFIX)).hasSize(1);
  }

  @Test
  void applyWrapsNothingWithoutATtlNorAnEmptyResponse() {
    assertThat(wrapping.apply("r1", null, "secret/data/app", secret())).isNull();
    assertThat(wrapping.apply("r2", Duration.ofMinutes(1), "secret/data/app", Response.empty()))
        .isNull();
    assertThat(tokens.lookup("nothing")).isEmpty();
    assertThatThrownBy(() -> wrapping.apply("r3", null, "sys/wrapping/wrap", secret()))
        .hasMessageContaining("endpoint requires response wrapping to be used");
  }

  @Test
  void aWrappedAuthBlockKeepsItsClientTokenAndNamesItsAccessor() {
    AuthResult auth =
        new AuthResult(
            "cfs.inner",
            "acc-1",
            List.of("default"),
            List.of("default"),
            null,
            Map.of("k", "v"),
            3600,
            true,
            "",
            "service",
            false,
            0);
    WrapInfo info =
        wrapping.apply("r1", Duration.ofMinutes(1), "auth/approle/login", Response.ofAuth(auth));

    assertThat(info.wrappedAccessor()).isEqualTo("acc-1");
    AuthResult back = wrapping.unwrap("r2", info.token()).auth();
    assertThat(back).isEqualTo(auth);
  }

  @Test
  void refusalsOnUnwrapBecomeTheWrappingErrorAndOthersStay() {
    CofferException denied =
        new CofferException(dev.coffer.spi.ErrorCode.PERMISSION_DENIED, "permission denied");

    assertThat(ResponseWrapping.refusal("sys/wrapping/unwrap", denied).errors())
        .containsExactly("wrapping token is not valid or does not exist");
    assertThat(ResponseWrapping.refusal("secret/data/app", denied)).isSameAs(denied);
  }

  @Test
  void theWrapTtlHeaderTakesSecondsOrDurationsWithinBounds() {
    assertThat(WrapTtl.parse(null)).isNull();
    assertThat(WrapTtl.parse("0")).isNull();
    assertThat(WrapTtl.parse("60")).isEqualTo(Duration.ofSeconds(60));
    assertThat(WrapTtl.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(WrapTtl.parse("768h")).isEqualTo(WrapTtl.MAX);
    assertThatThrownBy(() -> WrapTtl.parse("769h")).hasMessageContaining("at most 768h");
    assertThatThrownBy(() -> WrapTtl.parse("500ms")).hasMessageContaining("at least 1s");
    assertThatThrownBy(() -> WrapTtl.parse("-5")).isInstanceOf(CofferException.class);
    assertThatThrownBy(() -> WrapTtl.parse("soon")).isInstanceOf(CofferException.class);
  }

  private static Response secret() {
    return Response.of(Map.of("password", SECRET)).withWarning("kept");
  }
}
