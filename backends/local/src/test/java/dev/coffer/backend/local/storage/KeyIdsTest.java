package dev.coffer.backend.local.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyIdsTest {
  @Test
  void aKeysRangeStartsAtANonNegativeMultipleOfTheSlotCount() {
    for (int i = 0; i < 10_000; i++) {
      long first = KeyIds.first("logical/mount/data/key-" + i);
      assertThat(first).isNotNegative();
      assertThat(first % KeyIds.SLOTS).isZero();
      assertThat(KeyIds.last(first)).isEqualTo(first + KeyIds.SLOTS - 1).isPositive();
    }
  }

  @Test
  void theSameKeyAlwaysGetsTheSameRangeAndDifferentKeysDifferentOnes() {
    assertThat(KeyIds.first("a/b/c")).isEqualTo(KeyIds.first("a/b/c"));
    Set<Long> ranges = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      ranges.add(KeyIds.first("k" + i));
    }
    assertThat(ranges).hasSize(100_000);
  }

  @Test
  void theMappingFromKeyToIdIsPartOfTheFileFormatAndNeverChanges() {
    // The first 8 bytes of SHA-256("a/b/c"), shifted right by 4, times 8: files written with
    // layout 2 are read with this mapping, so changing it would lose every stored row.
    assertThat(KeyIds.SLOTS).isEqualTo(8);
    assertThat(KeyIds.first("a/b/c")).isEqualTo(7_761_177_398_481_931_888L);
  }
}
