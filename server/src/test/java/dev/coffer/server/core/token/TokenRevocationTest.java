package dev.coffer.server.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.backend.local.storage.InMemoryStorageBackend;
import dev.coffer.server.core.barrier.Barrier;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenRevocationTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private final InMemoryStorageBackend backend = new InMemoryStorageBackend();
  private final TokenRows rows;
  private final TokenIssuance issuance;
  private final TokenRevocation revocation;

  TokenRevocationTest() {
    Barrier barrier = new Barrier(backend);
    barrier.initialize(new byte[32], NOW);
    rows = new TokenRows(barrier);
    issuance = new TokenIssuance(rows);
    revocation = new TokenRevocation(rows);
  }

  @Test
  void revokingWithTheSubtreeAnswersEveryDeletedTokenAndLeavesNoRowOfThem() {
    String a = store("token-a", null);
    String b = store("token-b", "token-a");
    String c = store("token-c", "token-b");
    String sibling = store("token-s", null);

    List<String> deleted = revocation.withSubtree(a);

    assertThat(deleted).containsExactlyInAnyOrder(a, b, c);
    assertThat(deleted.get(0)).isEqualTo(a);
    assertThat(backend.list("sys/token/id/")).containsExactly(sibling);
    assertThat(backend.list("sys/token/accessor/")).hasSize(1);
    assertThat(backend.list("sys/token/parent/")).isEmpty();
  }

  @Test
  void revokingATokenAloneMakesItsChildrenOrphansAndKeepsTheirOwnChildren() {
    String a = store("token-a", null);
    String b = store("token-b", "token-a");
    String c = store("token-c", "token-b");

    revocation.alone(a);

    assertThat(rows.read(rows.storage(), a)).isEmpty();
    assertThat(rows.read(rows.storage(), b).orElseThrow().orphan()).isTrue();
    assertThat(rows.read(rows.storage(), c).orElseThrow().parentHash()).isEqualTo(b);
    assertThat(TokenRows.children(rows.storage(), a)).isEmpty();
    assertThat(TokenRows.children(rows.storage(), b)).containsExactly(c);
    assertThat(backend.list("sys/token/accessor/")).hasSize(2);
  }

  /** Stores a token with this id under the token {@code parentId} (none: an orphan). */
  private String store(String id, String parentId) {
    TokenEntry entry =
        new TokenEntry(
            TokenIds.newAccessor(),
            List.of("default"),
            Map.of(),
            "token",
            0,
            NOW,
            0,
            null,
            0,
            0,
            false,
            parentId == null ? "" : rows.hash(parentId),
            "auth/token/create",
            "",
            "",
            List.of(),
            null);
    issuance.unguarded(id, entry, TokenLeases.NONE);
    return rows.hash(id);
  }
}
