package dev.coffer.server.core.policy.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.backend.local.storage.InMemoryStorageBackend;
import dev.coffer.server.core.barrier.Barrier;
import dev.coffer.server.core.policy.PolicyParseException;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PasswordPolicyStoreTest {
  private static final String DIGITS =
      "length = 6\nrule \"charset\" { charset = \"0123456789\" }\n";

  private final InMemoryStorageBackend backend = new InMemoryStorageBackend();
  private final Barrier barrier = new Barrier(backend);
  private PasswordPolicyStore store;

  @BeforeEach
  void unseal() {
    barrier.initialize(new byte[32], Instant.now());
    store = new PasswordPolicyStore(barrier);
  }

  @Test
  void aStoredPolicyIsKeptInsideTheBarrierAndGeneratesByItsRules() {
    store.put("pin", DIGITS);

    assertThat(store.names()).containsExactly("pin");
    assertThat(store.get("pin").orElseThrow().raw()).isEqualTo(DIGITS);
    assertThat(store.generate("pin")).matches("[0-9]{6}");
    byte[] stored = backend.get(PasswordPolicyStore.PREFIX + "pin").orElseThrow();
    assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain("0123456789");
  }

  @Test
  void anEmptyNameGeneratesByVaultsDefaultPolicy() {
    assertThat(store.generate("")).hasSize(20).matches("[A-Za-z0-9-]+");
  }

  @Test
  void anUnknownNameIsA400NamingIt() {
    assertThatThrownBy(() -> store.generate("nope"))
        .isInstanceOfSatisfying(
            CofferException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
        .hasMessage("password policy \"nope\" not found");
  }

  @Test
  void aRewrittenPolicyTakesEffectAtOnceAndADeletedOneIsGone() {
    store.put("pin", DIGITS);
    store.put("pin", "length = 4\nrule \"charset\" { charset = \"x\" }");
    assertThat(store.generate("pin")).isEqualTo("xxxx");

    store.delete("pin");
    assertThat(store.get("pin")).isEmpty();
    assertThat(store.names()).isEmpty();
  }

  @Test
  void anInvalidPolicyIsNotStored() {
    assertThatThrownBy(() -> store.put("bad", "length = 20"))
        .isInstanceOf(PolicyParseException.class);
    assertThat(store.get("bad")).isEmpty();
  }
}
