package dev.coffer.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.server.CofferServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.vault.VaultException;
import org.springframework.vault.authentication.TokenAuthentication;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.core.VaultKeyValueMetadataOperations;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.vault.core.VaultVersionedKeyValueOperations;
import org.springframework.vault.support.VaultMetadataRequest;
import org.springframework.vault.support.VaultMetadataResponse;
import org.springframework.vault.support.VaultTokenRequest;
import org.springframework.vault.support.VaultTokenResponse;
import org.springframework.vault.support.Versioned;
import org.springframework.vault.support.Versioned.Version;

/** Spring Vault's real {@link VaultTemplate}, unchanged, against a Coffer dev server. */
class SpringVaultCompatibilityTest {
  private static CofferServer server;
  private static VaultTemplate vault;
  private static VaultVersionedKeyValueOperations kv;

  @BeforeAll
  static void start() {
    server = TestServers.dev();
    VaultEndpoint endpoint = VaultEndpoint.create("127.0.0.1", server.port());
    endpoint.setScheme("http");
    vault = new VaultTemplate(endpoint, new TokenAuthentication(TestServers.ROOT));
    kv = vault.opsForVersionedKeyValue("secret");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void writeAndReadByVersion() {
    Versioned.Metadata first = kv.put("spring/app", Map.of("password", "one"));
    kv.put("spring/app", Map.of("password", "two"));
    assertThat(first.getVersion().getVersion()).isEqualTo(1);

    Versioned<Map<String, Object>> latest = kv.get("spring/app");
    assertThat(latest.getRequiredData()).containsEntry("password", "two");
    assertThat(latest.getVersion().getVersion()).isEqualTo(2);

    Versioned<Map<String, Object>> v1 = kv.get("spring/app", Version.from(1));
    assertThat(v1.getRequiredData()).containsEntry("password", "one");
  }

  @Test
  void checkAndSetConflictIsAnError() {
    kv.put("spring/cas", Map.of("a", "1"));
    assertThatThrownBy(
            () -> kv.put("spring/cas", Versioned.create(Map.of("a", "2"), Version.from(7))))
        .hasMessageContaining("check-and-set parameter did not match the current version");
    kv.put("spring/cas", Versioned.create(Map.of("a", "3"), Version.from(1)));
    assertThat(kv.get("spring/cas").getRequiredData()).containsEntry("a", "3");
  }

  @Test
  void listShowsKeysAndFolders() {
    kv.put("spring/list/a", Map.of("x", "1"));
    kv.put("spring/list/sub/b", Map.of("x", "1"));
    assertThat(kv.list("spring/list/")).containsExactly("a", "sub/");
  }

  @Test
  void deleteUndeleteAndDestroy() {
    kv.put("spring/lifecycle", Map.of("v", "1"));
    kv.put("spring/lifecycle", Map.of("v", "2"));

    kv.delete("spring/lifecycle");
    Versioned<Map<String, Object>> deleted = kv.get("spring/lifecycle");
    assertThat(deleted == null || !deleted.hasData()).isTrue();

    kv.undelete("spring/lifecycle", Version.from(2));
    assertThat(kv.get("spring/lifecycle").getRequiredData()).containsEntry("v", "2");

    kv.destroy("spring/lifecycle", Version.from(1));
    VaultMetadataResponse meta = kv.opsForKeyValueMetadata().get("spring/lifecycle");
    assertThat(meta.getVersions())
        .filteredOn(m -> m.getVersion().getVersion() == 1)
        .singleElement()
        .satisfies(m -> assertThat(m.isDestroyed()).isTrue());
  }

  @Test
  void metadataIsWrittenReadAndDeleted() {
    kv.put("spring/meta", Map.of("v", "1"));
    VaultKeyValueMetadataOperations metadata = kv.opsForKeyValueMetadata();
    metadata.put(
        "spring/meta",
        VaultMetadataRequest.builder()
            .maxVersions(4)
            .deleteVersionAfter(Duration.ofHours(1))
            .customMetadata(Map.of("owner", "team-a"))
            .build());

    VaultMetadataResponse meta = metadata.get("spring/meta");
    assertThat(meta.getMaxVersions()).isEqualTo(4);
    assertThat(meta.getCurrentVersion()).isEqualTo(1);
    assertThat(meta.getDeleteVersionAfter()).isEqualTo(Duration.ofHours(1));
    assertThat(meta.getCreatedTime()).isNotNull();
    // Spring Vault 4.0.4 does not read custom_metadata back from the metadata response, so
    // check what it wrote over plain HTTP.
    assertThat(
            TestServers.api(server, TestServers.ROOT)
                .get("secret/metadata/spring/meta")
                .data()
                .get("custom_metadata")
                .get("owner")
                .asText())
        .isEqualTo("team-a");

    metadata.delete("spring/meta");
    assertThat(kv.get("spring/meta")).isNull();
  }

  @Test
  void aCreatedTokenWithARestrictedPolicyReadsInsideAndIsDeniedOutside() {
    kv.put("spring/team-a/db", Map.of("password", "a"));
    kv.put("spring/team-b/db", Map.of("password", "b"));
    vault.write(
        "sys/policies/acl/spring-team-a",
        Map.of("policy", "path \"secret/data/spring/team-a/*\" { capabilities = [\"read\"] }"));
    VaultTokenResponse created =
        vault
            .opsForToken()
            .create(
                VaultTokenRequest.builder()
                    .policies(List.of("spring-team-a"))
                    .ttl(Duration.ofMinutes(10))
                    .build());
    String token = created.getToken().getToken();
    assertThat(token).startsWith("cfs.");

    VaultEndpoint endpoint = VaultEndpoint.create("127.0.0.1", server.port());
    endpoint.setScheme("http");
    VaultVersionedKeyValueOperations teamA =
        new VaultTemplate(endpoint, new TokenAuthentication(token))
            .opsForVersionedKeyValue("secret");
    assertThat(teamA.get("spring/team-a/db").getRequiredData()).containsEntry("password", "a");
    assertThatThrownBy(() -> teamA.get("spring/team-b/db"))
        .isInstanceOf(VaultException.class)
        .hasMessageContaining("permission denied");
  }
}
