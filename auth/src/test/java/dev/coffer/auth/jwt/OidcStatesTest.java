package dev.coffer.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.spi.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OidcStatesTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
  private final OidcStates states = new OidcStates(clock);

  @Test
  void theS256ChallengeIsTheOneOfRfc7636AppendixB() {
    assertThat(OidcStates.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
        .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  }

  @Test
  void aStateIsConsumedByItsFirstUse() {
    String state = states.start("r", "http://localhost/cb", "").getKey();
    assertThat(states.consume(state)).isPresent();
    assertThat(states.consume(state)).isEmpty();
  }

  @Test
  void aStateExpiresAfterItsTtl() {
    String state = states.start("r", "http://localhost/cb", "").getKey();
    clock.advance(OidcStates.TTL.minusSeconds(1));
    String other = states.start("r", "http://localhost/cb", "").getKey();
    clock.advance(Duration.ofSeconds(1));
    assertThat(states.consume(state)).isEmpty();
    assertThat(states.consume(other)).isPresent();
  }

  @Test
  void pendingLoginsAreCappedAndExpiredOnesMakeRoom() {
    for (int i = 0; i < OidcStates.MAX_PENDING; i++) {
      assertThat(states.start("r", "u", "")).isNotNull();
    }
    assertThat(states.start("r", "u", "")).isNull();
    clock.advance(OidcStates.TTL);
    assertThat(states.start("r", "u", "")).isNotNull();
    assertThat(states.size()).isEqualTo(1);
  }

  @Test
  void theVerifierAndNoncesStayOutOfToString() {
    var started = states.start("r", "u", "client-nonce");
    String text = started.getValue().toString();
    assertThat(text)
        .doesNotContain(started.getValue().codeVerifier())
        .doesNotContain(started.getValue().nonce())
        .doesNotContain("client-nonce");
  }

  @Test
  void redirectUrisMatchExactlyExceptForLoopbackPorts() {
    List<String> allowed =
        List.of("https://coffer.example/ui/callback", "http://localhost:8250/oidc/callback");
    assertThat(RedirectUris.allowed("https://coffer.example/ui/callback", allowed)).isTrue();
    assertThat(RedirectUris.allowed("https://coffer.example:444/ui/callback", allowed)).isFalse();
    assertThat(RedirectUris.allowed("https://coffer.example/ui/callback?x=1", allowed)).isFalse();
    assertThat(RedirectUris.allowed("http://localhost:50123/oidc/callback", allowed)).isTrue();
    assertThat(RedirectUris.allowed("http://localhost/oidc/callback", allowed)).isTrue();
    assertThat(RedirectUris.allowed("https://localhost:8250/oidc/callback", allowed)).isFalse();
    assertThat(RedirectUris.allowed("http://127.0.0.1:8250/oidc/callback", allowed)).isFalse();
    assertThat(RedirectUris.allowed("not a uri", allowed)).isFalse();
  }
}
