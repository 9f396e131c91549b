package dev.coffer.server.core.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.backend.local.storage.InMemoryStorageBackend;
import dev.coffer.server.core.barrier.Barrier;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TotpVerifierTest {
  private static final String ENTITY = "6a1c7f3e-0000-4000-8000-000000000001";
  private static final byte[] KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:10Z"));
  private final InMemoryStorageBackend backend = new InMemoryStorageBackend();
  private final Barrier barrier = new Barrier(backend);
  private MfaStore store;
  private TotpVerifier verifier;
  private TotpMethod method;

  @BeforeEach
  void setUp() {
    barrier.initialize(new byte[32], Instant.now());
    store = new MfaStore(barrier);
    verifier = new TotpVerifier(store, clock);
    method = new TotpMethod("m-1", "", "Coffer", 30, 20, 200, TotpAlgorithm.SHA1, 6, 1, 3);
    store.saveMethod(method);
    store.update(
        "m-1", ENTITY, s -> new MfaStore.Change<>(TotpSecret.of(Base32.encode(KEY)), null));
  }

  private String codeAt(long stepOffset) {
    return Totp.code(KEY, Totp.step(clock.instant(), 30) + stepOffset, 6, TotpAlgorithm.SHA1);
  }

  private CofferException refused(String code) {
    try {
      verifier.verify(ENTITY, "m-1", code);
    } catch (CofferException e) {
      return e;
    }
    throw new AssertionError("code " + code + " was accepted");
  }

  @Test
  void theCurrentCodeIsAcceptedOnce() {
    String code = codeAt(0);
    assertThatCode(() -> verifier.verify(ENTITY, "m-1", code)).doesNotThrowAnyException();
    CofferException replay = refused(code);
    assertThat(replay.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(replay.getMessage()).contains("already used");
  }

  @Test
  void aCodeOfTheStepBeforeIsAcceptedButNotAfterALaterOneWasUsed() {
    String previous = codeAt(-1);
    verifier.verify(ENTITY, "m-1", codeAt(0));
    assertThat(refused(previous).getMessage()).contains("already used");
  }

  @Test
  void aCodeTwoStepsOldIsWrong() {
    assertThat(refused(codeAt(-2)).getMessage()).isEqualTo("failed to validate TOTP passcode");
  }

  @Test
  void theNextCodeIsAcceptedAfterTheStepPassed() {
    verifier.verify(ENTITY, "m-1", codeAt(0));
    clock.advance(Duration.ofSeconds(30));
    assertThatCode(() -> verifier.verify(ENTITY, "m-1", codeAt(0))).doesNotThrowAnyException();
  }

  @Test
  void tooManyWrongCodesPauseValidationEvenForTheRightCode() {
    refused("000000");
    refused("abc");
    refused("1234567");
    assertThat(refused(codeAt(0)).getMessage()).contains("maximum TOTP validation attempts");
    clock.advance(TotpVerifier.ATTEMPTS_PAUSE.plusSeconds(1));
    assertThatCode(() -> verifier.verify(ENTITY, "m-1", codeAt(0))).doesNotThrowAnyException();
  }

  @Test
  void anEntityWithoutEnrolmentIsRefused() {
    assertThatThrownBy(() -> verifier.verify("6a1c7f3e-0000-4000-8000-000000000002", "m-1", "1"))
        .hasMessageContaining("no TOTP secret");
  }

  @Test
  void withoutAMethodIdTheOnlyEnrolmentIsUsed() {
    assertThatCode(() -> verifier.verify(ENTITY, null, codeAt(0))).doesNotThrowAnyException();
  }

  @Test
  void theSecretIsStoredEncrypted() {
    String base32 = Base32.encode(KEY);
    for (String key : backend.list("identity/mfa/totp-secret/m-1/")) {
      byte[] raw = backend.get("identity/mfa/totp-secret/m-1/" + key).orElseThrow();
      assertThat(new String(raw, StandardCharsets.ISO_8859_1)).doesNotContain(base32);
    }
    assertThat(backend.list("identity/mfa/totp-secret/m-1/")).isNotEmpty();
  }
}
