package dev.coffer.server.core.barrier;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class AesGcmTest {
  private static final byte[] AAD = "logical/x/key".getBytes(UTF_8);

  private static KeyMaterial key(int fill) {
    byte[] b = new byte[32];
    java.util.Arrays.fill(b, (byte) fill);
    return KeyMaterial.aes(b);
  }

  @Test
  void reusedCiphersEncryptEachValueUnderAFreshNonceAndDecryptItBack() {
    KeyMaterial key = key(1);
    Set<String> nonces = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      byte[] plain = ("value " + i).getBytes(UTF_8);
      byte[] sealed = AesGcm.encrypt(key, 3, AAD, plain);
      nonces.add(java.util.HexFormat.of().formatHex(sealed, 5, 17));
      assertThat(AesGcm.term(sealed)).isEqualTo(3);
      assertThat(AesGcm.decrypt(key, AAD, sealed)).isEqualTo(plain);
    }
    assertThat(nonces).hasSize(200);
    assertThat(key.ciphers().idle()).isEqualTo(1);
  }

  @Test
  void aFailedDecryptionLeavesLaterOperationsWithTheSameKeyWorking() {
    KeyMaterial key = key(2);
    byte[] sealed = AesGcm.encrypt(key, 1, AAD, "s3cr3t".getBytes(UTF_8));
    byte[] tampered = sealed.clone();
    tampered[tampered.length - 1] ^= 1;

    assertThatThrownBy(() -> AesGcm.decrypt(key, AAD, tampered))
        .isInstanceOf(BarrierException.class);
    assertThatThrownBy(() -> AesGcm.decrypt(key, "elsewhere".getBytes(UTF_8), sealed))
        .isInstanceOf(BarrierException.class);
    assertThat(AesGcm.decrypt(key, AAD, sealed)).asString(UTF_8).isEqualTo("s3cr3t");
  }

  @Test
  void aCipherLastUsedWithOneKeyDoesNotDecryptWithAnother() {
    KeyMaterial one = key(3);
    KeyMaterial other = key(4);
    byte[] sealed = AesGcm.encrypt(one, 1, AAD, new byte[] {1, 2, 3});
    assertThatThrownBy(() -> AesGcm.decrypt(other, AAD, sealed))
        .isInstanceOf(BarrierException.class);
    assertThat(AesGcm.decrypt(one, AAD, sealed)).containsExactly(1, 2, 3);
  }

  @Test
  void destroyingTheKeyEmptiesItsCipherPoolAndKeepsItEmpty() {
    KeyMaterial key = key(5);
    byte[] sealed = AesGcm.encrypt(key, 1, AAD, new byte[] {9});
    assertThat(key.ciphers().idle()).isEqualTo(1);

    key.destroy();

    assertThat(key.ciphers().idle()).isZero();
    assertThatThrownBy(() -> AesGcm.decrypt(key, AAD, sealed)).isInstanceOf(RuntimeException.class);
    assertThat(key.ciphers().idle()).isZero();
  }

  @Test
  void keysThatAreNotKeyMaterialStillWork() {
    SecretKeySpec spec = new SecretKeySpec(new byte[32], "AES");
    byte[] sealed = AesGcm.encrypt(spec, 1, AAD, new byte[] {7});
    assertThat(AesGcm.decrypt(spec, AAD, sealed)).containsExactly(7);
  }

  @Test
  void manyThreadsSharingOneKeyEachGetTheirOwnValuesBack() throws Exception {
    KeyMaterial key = key(6);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        results.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 500; i++) {
                    byte[] plain = ("t" + thread + "-" + i).getBytes(UTF_8);
                    byte[] back = AesGcm.decrypt(key, AAD, AesGcm.encrypt(key, 1, AAD, plain));
                    if (!java.util.Arrays.equals(plain, back)) {
                      return false;
                    }
                  }
                  return true;
                }));
      }
      for (Future<Boolean> r : results) {
        assertThat(r.get(60, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(key.ciphers().idle()).isBetween(1, CipherPool.MAX_IDLE);
    } finally {
      pool.shutdownNow();
    }
  }
}
