package dev.coffer.backend.local.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.IssuedLease;
import dev.coffer.spi.Response;
import dev.coffer.spi.SecretLease;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KvLeasedReadTest extends KvRotationTestBase {

  @Test
  void aMountWithLeaseReadsAnswersALeaseOnEveryDataRead() {
    mountV2(Map.of("lease_reads", "true", "lease_ttl", "1h"));
    put("app", Map.of("password", "one"));

    SecretLease lease = kv.read("data/app").lease();

    assertThat(lease).isNotNull();
    assertThat(lease.kind()).isEqualTo("kv-read");
    assertThat(lease.ttl()).isEqualTo(Duration.ofHours(1));
    assertThat(lease.renewable()).isTrue();
    assertThat(lease.internal()).containsEntry("path", "app").containsEntry("version", 1L);
  }

  @Test
  void aSecretsCustomMetadataTurnsOnLeasedReadsForThatSecretOnly() {
    mountV2(Map.of());
    put("leased", Map.of("k", "v"));
    put("plain", Map.of("k", "v"));
    customMetadata("leased", Map.of("lease_reads", "true"));

    assertThat(kv.read("data/leased").lease()).isNotNull();
    assertThat(kv.read("data/leased").lease().ttl()).isZero();
    assertThat(kv.read("data/plain").lease()).isNull();
    assertThat(kv.read("metadata/leased").lease()).isNull();
  }

  @Test
  void aKvVersion1MountLeasesReadsToo() {
    mount(Map.of("lease_reads", "true"));
    kv.write("app", Map.of("password", "one"));

    SecretLease lease = kv.read("app").lease();

    assertThat(lease.kind()).isEqualTo("kv-read");
    assertThat(lease.internal()).containsEntry("path", "app").containsEntry("version", 0L);
  }

  @Test
  void revokingALeasedReadRotatesASecretThatHasARotator() {
    mountV2(Map.of("lease_reads", "true", "rotate_generator", "password"));
    put("db", Map.of("user", "app", "password", "leaked"));
    Response read = kv.read("data/db");

    assertThat(engine.revokeLease(issued(read))).isEmpty();

    Map<String, Object> now = dataOf("db");
    assertThat(now.get("password")).isNotEqualTo("leaked");
    assertThat(now).containsEntry("user", "app");
    assertThat(metadata("db")).containsEntry("current_version", 2L).containsKey("last_rotated");
  }

  @Test
  void revokingALeaseOfAnAlreadyRotatedVersionDoesNotRotateAgain() {
    mountV2(Map.of("lease_reads", "true", "rotate_generator", "password"));
    put("db", Map.of("password", "p"));
    IssuedLease first = issued(kv.read("data/db"));
    IssuedLease second = issued(kv.read("data/db"));

    engine.revokeLease(first);
    assertThat(engine.revokeLease(second)).singleElement().asString().contains("already rotated");

    assertThat(metadata("db")).containsEntry("current_version", 2L);
  }

  @Test
  void revokingALeasedReadOfASecretWithoutRotatorChangesNothing() {
    mountV2(Map.of("lease_reads", "true"));
    put("app", Map.of("password", "p"));

    assertThat(engine.revokeLease(issued(kv.read("data/app")))).isEmpty();

    assertThat(dataOf("app")).containsEntry("password", "p");
  }

  @Test
  void revokingALeaseOfADeletedSecretWarnsInsteadOfFailing() {
    mountV2(Map.of("lease_reads", "true", "rotate_generator", "password"));
    put("gone", Map.of("password", "p"));
    IssuedLease lease = issued(kv.read("data/gone"));
    kv.delete("metadata/gone");

    assertThat(engine.revokeLease(lease)).singleElement().asString().contains("no longer exists");
  }

  @Test
  void aLeaseOfADeletedSecretCannotBeRenewed() {
    mountV2(Map.of("lease_reads", "true"));
    put("app", Map.of("password", "p"));
    IssuedLease lease = issued(kv.read("data/app"));

    engine.renewLease(lease, clock.instant().plusSeconds(60));
    kv.delete("metadata/app");

    assertThatThrownBy(() -> engine.renewLease(lease, clock.instant().plusSeconds(60)))
        .isInstanceOfSatisfying(
            CofferException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
        .hasMessageContaining("no longer exists");
  }

  @Test
  void revokingAV1LeasedReadRotatesByTheMountsRotator() {
    mount(Map.of("lease_reads", "true", "rotate_generator", "password", "password_policy", "x"));
    kv.write("app", Map.of("user", "u", "password", "leaked"));

    engine.revokeLease(issued(kv.read("app")));

    assertThat(kv.read("app").data()).containsEntry("password", "xxxx").containsEntry("user", "u");
  }
}
