package dev.coffer.server.core.barrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.backend.local.storage.InMemoryStorageBackend;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.Storage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BarrierTest {
  private final InMemoryStorageBackend backend = new InMemoryStorageBackend();
  private final Barrier barrier = new Barrier(backend);
  private final byte[] rootKey = AesGcm.randomBytes(32);

  @BeforeEach
  void initialize() {
    barrier.initialize(rootKey, Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Test
  void valuesRoundTripThroughAView() {
    Storage view = barrier.view("logical/abc/");
    view.put("a/b", bytes("hello"));

    assertThat(view.get("a/b")).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("hello")));
    assertThat(view.get("missing")).isEmpty();
    assertThat(view.list("")).containsExactly("a/");
    assertThat(view.list("a/")).containsExactly("b");
    assertThat(backend.get("logical/abc/a/b")).isPresent();
  }

  @Test
  void aViewListsOnePageOfAFolderAfterAGivenNameAndRejectsBadArguments() {
    Storage view = barrier.view("logical/abc/");
    for (String k : List.of("f/a", "f/b", "f/c", "f/d/e", "g")) {
      view.put(k, bytes("v"));
    }

    assertThat(view.listPage("f/", "", 2)).containsExactly("a", "b");
    assertThat(view.listPage("f/", "b", 10)).containsExactly("c", "d/");
    assertThat(view.listPage("", "f/", 10)).containsExactly("g");
    assertThatThrownBy(() -> view.listPage("f", "", 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> view.listPage("f/", "", 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void storedBytesContainNoPlaintextAndStartWithVersionAndTerm() {
    barrier.view("").put("k", bytes("plaintext-marker"));

    byte[] stored = backend.get("k").orElseThrow();
    assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("plaintext-marker");
    assertThat(stored[0]).isEqualTo(AesGcm.VERSION);
    assertThat(ByteBuffer.wrap(stored, 1, 4).getInt()).isEqualTo(1);
    assertThat(stored.length).isEqualTo(1 + 4 + 12 + "plaintext-marker".length() + 16);
  }

  @Test
  void aValueMovedToAnotherKeyDoesNotDecrypt() {
    barrier.view("").put("one", bytes("x"));
    backend.put("two", backend.get("one").orElseThrow());

    assertThatThrownBy(() -> barrier.view("").get("two")).isInstanceOf(BarrierException.class);
  }

  @Test
  void tamperedCiphertextDoesNotDecrypt() {
    barrier.view("").put("k", bytes("value"));
    byte[] stored = backend.get("k").orElseThrow();
    stored[stored.length - 1] ^= 1;
    backend.put("k", stored);

    assertThatThrownBy(() -> barrier.view("").get("k")).isInstanceOf(BarrierException.class);
  }

  @Test
  void rotationKeepsOldValuesReadableAndNewWritesUseTheNewTerm() {
    Storage view = barrier.view("");
    view.put("old", bytes("before"));

    Keyring.Term term = barrier.rotate(Instant.parse("2026-02-01T00:00:00Z"));
    view.put("new", bytes("after"));

    assertThat(term.term()).isEqualTo(2);
    assertThat(AesGcm.term(backend.get("old").orElseThrow())).isEqualTo(1);
    assertThat(AesGcm.term(backend.get("new").orElseThrow())).isEqualTo(2);
    assertThat(view.get("old")).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("before")));
    assertThat(barrier.keyStatus().term()).isEqualTo(2);
    assertThat(barrier.keyStatus().installTime()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
  }

  @Test
  void rotatedKeyringSurvivesSealAndUnseal() {
    barrier.rotate(Instant.now());
    barrier.view("").put("k", bytes("v"));
    barrier.seal();

    barrier.unseal(rootKey);

    assertThat(barrier.keyStatus().term()).isEqualTo(2);
    assertThat(barrier.view("").get("k")).isPresent();
  }

  @Test
  void aSealedBarrierRefusesEverything() {
    barrier.view("").put("k", bytes("v"));
    barrier.seal();

    assertThat(barrier.sealed()).isTrue();
    assertThatThrownBy(() -> barrier.view("").get("k"))
        .isInstanceOfSatisfying(
            CofferException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SEALED));
  }

  @Test
  void aWrongRootKeyCannotUnseal() {
    barrier.seal();

    assertThatThrownBy(() -> barrier.unseal(AesGcm.randomBytes(32)))
        .isInstanceOf(BarrierException.class);
    assertThat(barrier.sealed()).isTrue();
  }

  @Test
  void theKeyringIsStoredEncryptedByTheRootKey() {
    byte[] stored = backend.get(Barrier.KEYRING_KEY).orElseThrow();

    assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("active_term");
    assertThat(AesGcm.decrypt(KeyMaterial.aes(rootKey), bytes("core/keyring"), stored))
        .isNotEmpty();
  }

  @Test
  void sealingZeroesTheKeys() {
    KeyMaterial key = KeyMaterial.aes(AesGcm.randomBytes(32));
    key.destroy();

    assertThat(key.isDestroyed()).isTrue();
    assertThatThrownBy(key::getEncoded).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void hmacIsStableAndKeyed() {
    byte[] a = barrier.hmac(bytes("token"));
    assertThat(barrier.hmac(bytes("token"))).isEqualTo(a);
    assertThat(barrier.hmac(bytes("other"))).isNotEqualTo(a);
  }

  @Test
  void viewsCannotReachOutsideTheirPrefix() {
    barrier.view("logical/a/").put("secret", bytes("a"));
    Storage b = barrier.view("logical/b/");

    assertThat(b.get("secret")).isEmpty();
    assertThat(b.list("")).isEmpty();
    assertThatThrownBy(() -> b.get("/logical/a/secret"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void deleteAllRemovesEverythingUnderThePrefixOnly() {
    BarrierStorage a = barrier.view("logical/a/");
    a.put("x", bytes("1"));
    a.put("d/y", bytes("2"));
    barrier.view("logical/b/").put("z", bytes("3"));

    a.deleteAll();

    assertThat(backend.list("logical/")).containsExactly("b/");
  }

  @Test
  void transactionsDelegateToTheBackendAndRollBack() {
    Storage view = barrier.view("p/");
    assertThatThrownBy(
            () ->
                view.transaction(
                    tx -> {
                      tx.put("k", bytes("v"));
                      throw new IllegalStateException("abort");
                    }))
        .hasMessage("abort");
    assertThat(view.get("k")).isEmpty();

    view.transaction(tx -> List.of(tx.get("k"), tx.list("")));
    view.transaction(
        tx -> {
          tx.put("k", bytes("v"));
          return null;
        });
    assertThat(view.get("k")).isPresent();
  }

  @Test
  void concurrentWritesDuringRotationAllReadBack() throws Exception {
    Storage view = barrier.view("c/");
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<?>> work = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        work.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 200; i++) {
                    view.put(thread + "/" + i, bytes("v" + i));
                    if (thread == 0 && i % 50 == 0) {
                      barrier.rotate(Instant.now());
                    }
                  }
                }));
      }
      for (java.util.concurrent.Future<?> f : work) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    for (int t = 0; t < 4; t++) {
      for (int i = 0; i < 200; i++) {
        assertThat(view.get(t + "/" + i)).hasValueSatisfying(v -> assertThat(v).isNotEmpty());
      }
    }
    assertThat(barrier.keyStatus().term()).isEqualTo(5);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
