package dev.coffer.server.core.policy.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.backend.local.storage.InMemoryStorageBackend;
import dev.coffer.server.core.barrier.Barrier;
import dev.coffer.server.core.policy.BuiltInPolicies;
import dev.coffer.server.core.policy.Policy;
import dev.coffer.server.core.policy.PolicyParseException;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PolicyStoreTest {
  private static final String READ_APP =
      """
      path "secret/data/app/*" {
        capabilities = ["read"]
      }
      """;

  private final InMemoryStorageBackend backend = new InMemoryStorageBackend();
  private final Barrier barrier = new Barrier(backend);
  private PolicyStore store;

  @BeforeEach
  void unseal() {
    barrier.initialize(new byte[32], Instant.now());
    store = new PolicyStore(barrier);
  }

  @Test
  void namesAreTrimmedAndLowerCased() {
    store.put("  App-Reader ", READ_APP);

    assertThat(store.get("app-reader")).isPresent();
    assertThat(store.get("APP-READER").orElseThrow().name()).isEqualTo("app-reader");
    assertThat(store.names()).containsExactly("app-reader");
    assertThat(backend.get(PolicyStore.PREFIX + "app-reader")).isPresent();
  }

  @Test
  void theSameParsedInstanceIsHandedOutUntilThePolicyIsRewritten() {
    store.put("app", READ_APP);
    Policy first = store.get("app").orElseThrow();

    assertThat(store.get("app").orElseThrow()).isSameAs(first);

    store.put("app", READ_APP);
    assertThat(store.get("app").orElseThrow()).isNotSameAs(first);
  }

  @Test
  void aStoredPolicyIsReadBackByAFreshStoreWithItsText() {
    store.put("app", READ_APP);

    Policy reloaded = new PolicyStore(barrier).get("app").orElseThrow();

    assertThat(reloaded.raw()).isEqualTo(READ_APP);
    assertThat(reloaded.rules()).hasSize(1);
  }

  @Test
  void deletedPoliciesAreGoneAndDeletingAMissingOneIsFine() {
    store.put("app", READ_APP);
    store.get("app");

    store.delete("App");
    store.delete("never-there");

    assertThat(store.get("app")).isEmpty();
    assertThat(new PolicyStore(barrier).get("app")).isEmpty();
    assertThat(store.names()).isEmpty();
  }

  @Test
  void rootIsBuiltInAndCanNeitherBeWrittenNorDeleted() {
    assertThat(store.get("root").orElseThrow()).isSameAs(BuiltInPolicies.root());
    assertThatThrownBy(() -> store.put("Root", READ_APP))
        .isInstanceOf(CofferException.class)
        .hasMessage("cannot update root policy");
    assertThatThrownBy(() -> store.delete("root")).hasMessage("cannot delete root policy");
  }

  @Test
  void defaultIsWrittenWhenMissingKeptWhenEditedAndNeverDeleted() {
    store.ensureDefault();
    assertThat(store.get("default").orElseThrow().raw())
        .isEqualTo(BuiltInPolicies.DEFAULT_POLICY_TEXT);

    store.put("default", READ_APP);
    new PolicyStore(barrier).ensureDefault();

    assertThat(new PolicyStore(barrier).get("default").orElseThrow().raw()).isEqualTo(READ_APP);
    assertThatThrownBy(() -> store.delete("default")).hasMessage("cannot delete default policy");
  }

  @Test
  void textThatDoesNotParseIsRefusedWithLineAndColumnAndNothingIsStored() {
    String broken = "path \"secret/*\" {\n  capabilities = [\"read\"\n}\n";

    assertThatThrownBy(() -> store.put("broken", broken))
        .isInstanceOfSatisfying(
            PolicyParseException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
              assertThat(e.getMessage()).contains("line 3, column 1");
            });
    assertThat(store.get("broken")).isEmpty();
  }

  @Test
  void aPolicyStoredByAnotherInstanceIsSeenOnlyAfterTheCacheIsCleared() {
    assertThat(store.get("late")).isEmpty();
    new PolicyStore(barrier).put("late", READ_APP);

    assertThat(store.get("late")).isEmpty();
    store.clear();
    assertThat(store.get("late")).isPresent();
  }
}
