package dev.coffer.server.core.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShamirTest {
  private final SecureRandom random = new SecureRandom();

  @Test
  void fieldInverseIsCorrectForEveryNonZeroElement() {
    for (int a = 1; a < 256; a++) {
      assertThat(Shamir.mul(a, Shamir.div(1, a))).as("a=%d", a).isEqualTo(1);
    }
    assertThat(Shamir.mul(0x57, 0x83)).isEqualTo(0xc1); // FIPS-197 example
  }

  @Test
  void anyThresholdSubsetOfSharesRecombinesTheSecret() {
    for (int round = 0; round < 200; round++) {
      int parts = 2 + random.nextInt(9);
      int threshold = 2 + random.nextInt(parts - 1);
      byte[] secret = randomBytes(32);
      List<byte[]> shares = Shamir.split(secret, parts, threshold);

      assertThat(shares).hasSize(parts).allSatisfy(s -> assertThat(s).hasSize(33));
      List<byte[]> shuffled = new ArrayList<>(shares);
      Collections.shuffle(shuffled, random);
      int take = threshold + random.nextInt(parts - threshold + 1);
      assertThat(Shamir.combine(shuffled.subList(0, take)))
          .as("%d of %d (threshold %d)", take, parts, threshold)
          .isEqualTo(secret);
    }
  }

  @Test
  void everyThreeOfFiveCombinationWorks() {
    byte[] secret = randomBytes(32);
    List<byte[]> shares = Shamir.split(secret, 5, 3);
    for (int i = 0; i < 5; i++) {
      for (int j = i + 1; j < 5; j++) {
        for (int k = j + 1; k < 5; k++) {
          assertThat(Shamir.combine(List.of(shares.get(i), shares.get(j), shares.get(k))))
              .isEqualTo(secret);
        }
      }
    }
  }

  @Test
  void fewerSharesThanTheThresholdDoNotRevealTheSecret() {
    for (int round = 0; round < 200; round++) {
      byte[] secret = randomBytes(32);
      List<byte[]> shares = Shamir.split(secret, 5, 3);
      assertThat(Shamir.combine(shares.subList(0, 2))).isNotEqualTo(secret);
    }
  }

  @Test
  void sharesHaveDistinctNonZeroXCoordinates() {
    List<byte[]> shares = Shamir.split(randomBytes(32), 255, 2);
    assertThat(shares.stream().map(s -> s[32] & 0xff).distinct().count()).isEqualTo(255);
    assertThat(shares).noneMatch(s -> s[32] == 0);
  }

  @Test
  void combineRejectsDuplicatesMismatchedLengthsAndSingleShares() {
    List<byte[]> shares = Shamir.split(randomBytes(32), 3, 2);

    assertThatThrownBy(() -> Shamir.combine(List.of(shares.get(0), shares.get(0))))
        .hasMessageContaining("duplicate");
    assertThatThrownBy(() -> Shamir.combine(List.of(shares.get(0), new byte[20])))
        .hasMessageContaining("same length");
    assertThatThrownBy(() -> Shamir.combine(List.of(shares.get(0))))
        .hasMessageContaining("at least two");
  }

  @Test
  void splitRejectsImpossibleSettings() {
    assertThatThrownBy(() -> Shamir.split(randomBytes(32), 3, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Shamir.split(randomBytes(32), 2, 3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Shamir.split(randomBytes(32), 256, 3))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}
