package dev.coffer.server.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditHasherTest {
  private final byte[] salt = salt(1);
  private final AuditHasher hasher = new AuditHasher(salt);

  @Test
  void stringsNumbersAndBooleansAreAllHashedAndKeysStayInClear() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("password", "hunter2");
    data.put("pin", 4711L);
    data.put("ratio", 3.50);
    data.put("admin", true);
    data.put("nothing", null);

    Map<String, Object> hashed = hasher.hashMap(data);

    assertThat(hashed).containsOnlyKeys("password", "pin", "ratio", "admin", "nothing");
    assertThat(hashed.get("password")).isEqualTo(hasher.hash("hunter2"));
    assertThat(hashed.get("pin")).isEqualTo(hasher.hash("4711"));
    assertThat(hashed.get("ratio")).isEqualTo(hasher.hash("3.5"));
    assertThat(hashed.get("admin")).isEqualTo(hasher.hash("true"));
    assertThat(hashed.get("nothing")).isNull();
    assertThat(hashed.values().stream().filter(v -> v != null))
        .allSatisfy(v -> assertThat(v.toString()).matches("hmac-sha256:[0-9a-f]{64}"));
  }

  @Test
  void nestedMapsAndListsAreHashedRecursively() {
    Map<String, Object> inner = new HashMap<>();
    inner.put("token", "s.abc");
    inner.put("ports", new ArrayList<>(List.of(5432, 6543)));
    Map<String, Object> data = Map.of("data", inner, "list", List.of(List.of(false), "x"));

    Map<String, Object> hashed = hasher.hashMap(data);

    @SuppressWarnings("unchecked")
    Map<String, Object> h = (Map<String, Object>) hashed.get("data");
    assertThat(h.get("token")).isEqualTo(hasher.hash("s.abc"));
    assertThat(h.get("ports")).isEqualTo(List.of(hasher.hash("5432"), hasher.hash("6543")));
    assertThat(hashed.get("list"))
        .isEqualTo(List.of(List.of(hasher.hash("false")), hasher.hash("x")));
    assertThat(hashed.toString()).doesNotContain("s.abc", "5432", "6543");
  }

  @Test
  void numbersAreHashedAsPlainDecimalsAndDurationsAsSeconds() {
    assertThat(AuditHasher.text(1e3)).isEqualTo("1000");
    assertThat(AuditHasher.text(new BigDecimal("2.500"))).isEqualTo("2.5");
    assertThat(AuditHasher.text(0.0)).isEqualTo("0");
    assertThat(AuditHasher.text(-7)).isEqualTo("-7");
    assertThat(AuditHasher.text(Duration.ofHours(1))).isEqualTo("3600");
  }

  @Test
  void theSameValueHashesDifferentlyUnderAnotherSaltAndAlikeUnderTheSame() {
    AuditHasher other = new AuditHasher(salt(2));
    assertThat(other.hash("v")).isNotEqualTo(hasher.hash("v"));
    assertThat(new AuditHasher(salt).hash("v")).isEqualTo(hasher.hash("v"));
  }

  @Test
  void aKnownVectorMatchesHmacSha256() {
    // RFC 4231 test case 2 key "Jefe" is too short for a salt; use a 20-byte 0x0b key (case 1).
    byte[] key = new byte[20];
    Arrays.fill(key, (byte) 0x0b);
    assertThat(new AuditHasher(key).hash("Hi There"))
        .isEqualTo("hmac-sha256:b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  }

  static byte[] salt(int seed) {
    byte[] s = new byte[32];
    Arrays.fill(s, (byte) seed);
    return s;
  }
}
