package dev.coffer.server.core;

import static dev.coffer.server.core.CoreTesting.failed;
import static dev.coffer.server.core.CoreTesting.ok;
import static dev.coffer.server.core.CoreTesting.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.backend.local.storage.SqliteStorageBackendFactory;
import dev.coffer.spi.ErrorCode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What one request costs in durable writes (each one a wait for a commit of the SQLite group
 * commit), and that a request failing half-way leaves none of its rows behind. The access-log
 * record of a request is stored by a background writer, not on the request's thread.
 */
class DurableWritesPerRequestTest {
  private static final Map<String, Object> SECRET = Map.of("password", "s3cr3t");

  @TempDir Path dir;
  private WriteRecordingBackend backend;
  private Core core;
  private String root;

  @BeforeEach
  void start() {
    backend =
        new WriteRecordingBackend(
            new SqliteStorageBackendFactory()
                .create(Map.of("path", dir.resolve("coffer.db").toString())));
    core = CoreTesting.staticCore(backend);
    root = core.initialize(1, 1).rootToken();
    ok(
        core.handle(
            request(
                RequestMethod.POST,
                "sys/mounts/secret",
                root,
                Map.of("type", "kv", "options", Map.of("version", "2")))));
  }

  @AfterEach
  void close() {
    core.close();
  }

  @Test
  void aKvV2WriteOfANewPathIsOneDurableTransaction() {
    backend.watchThisThread();

    ok(
        core.handle(
            request(RequestMethod.POST, "secret/data/app/db", root, Map.of("data", SECRET))));

    assertThat(backend.durableWrites()).containsExactly("tx");
    // The metadata row holds the current version's data: a new secret is one row.
    assertThat(backend.keysWrittenInTransactions())
        .singleElement()
        .satisfies(k -> assertThat(k).endsWith("/metadata/app/db"));
  }

  @Test
  void aKvV2WriteOfANewVersionIsOneDurableTransaction() {
    ok(
        core.handle(
            request(RequestMethod.POST, "secret/data/app/db", root, Map.of("data", SECRET))));
    backend.watchThisThread();

    ok(
        core.handle(
            request(RequestMethod.POST, "secret/data/app/db", root, Map.of("data", SECRET))));

    assertThat(backend.durableWrites()).containsExactly("tx");
    // Version 1 moves to a row of its own; version 2 is held by the metadata row.
    assertThat(backend.keysWrittenInTransactions())
        .hasSize(2)
        .anyMatch(k -> k.contains("/versions/") && k.endsWith("/1"))
        .anyMatch(k -> k.endsWith("/metadata/app/db"));
  }

  @Test
  void aKvV2ReadWritesNothingDurably() {
    ok(
        core.handle(
            request(RequestMethod.POST, "secret/data/app/db", root, Map.of("data", SECRET))));
    backend.watchThisThread();

    ok(core.handle(request(RequestMethod.GET, "secret/data/app/db", root)));

    assertThat(backend.durableWrites()).isEmpty();
  }

  @Test
  void aTokenCreateIsOneDurableTransactionHoldingTheTokenItsIndexesAndItsLease() {
    backend.watchThisThread();

    ok(
        core.handle(
            request(
                RequestMethod.POST,
                "auth/token/create",
                root,
                Map.of("policies", List.of("default"), "ttl", "10m"))));

    assertThat(backend.durableWrites()).containsExactly("tx");
    assertThat(backend.keysWrittenInTransactions())
        .anyMatch(k -> k.startsWith("sys/token/id/"))
        .anyMatch(k -> k.startsWith("sys/token/accessor/"))
        .anyMatch(k -> k.startsWith("sys/token/parent/"))
        .anyMatch(k -> k.startsWith("sys/expire/id/auth/token/create/"))
        .anyMatch(k -> k.startsWith("sys/expire/time/"));
  }

  @Test
  void aTokenCreateThatFailsWhileStoringItsLeaseLeavesNoTokenRow() {
    List<String> tokenRows = keysUnder("sys/token/");
    List<String> leaseRows = keysUnder("sys/expire/");
    backend.failPutsInTransactions(k -> k.startsWith("sys/expire/"));

    failed(
        core.handle(
            request(
                RequestMethod.POST,
                "auth/token/create",
                root,
                Map.of("policies", List.of("default"), "ttl", "10m"))),
        ErrorCode.INTERNAL);

    assertThat(keysUnder("sys/token/")).isEqualTo(tokenRows);
    assertThat(keysUnder("sys/expire/")).isEqualTo(leaseRows);
  }

  @Test
  void aKvV2WriteThatFailsWhileStoringItsMetadataLeavesNoVersion() {
    List<String> empty = keysUnder("logical/");
    backend.failPutsInTransactions(k -> k.contains("/metadata/"));

    failed(
        core.handle(
            request(RequestMethod.POST, "secret/data/app/db", root, Map.of("data", SECRET))),
        ErrorCode.INTERNAL);

    assertThat(keysUnder("logical/")).isEqualTo(empty);
    backend.failPutsInTransactions(k -> false);
    failed(
        core.handle(request(RequestMethod.GET, "secret/data/app/db", root)), ErrorCode.NOT_FOUND);
  }

  @Test
  void aKvV2UpdateThatFailsWhileStoringItsMetadataLeavesTheReplacedVersionWhereItWas() {
    ok(
        core.handle(
            request(RequestMethod.POST, "secret/data/app/db", root, Map.of("data", SECRET))));
    List<String> before = keysUnder("logical/");
    backend.failPutsInTransactions(k -> k.contains("/metadata/"));

    // Version 2 would move version 1 to a row of its own, in the same transaction.
    failed(
        core.handle(
            request(
                RequestMethod.POST,
                "secret/data/app/db",
                root,
                Map.of("data", Map.of("password", "n3w")))),
        ErrorCode.INTERNAL);

    assertThat(keysUnder("logical/")).isEqualTo(before).noneMatch(k -> k.contains("/versions/"));
    backend.failPutsInTransactions(k -> false);
    Map<String, Object> read =
        ok(core.handle(request(RequestMethod.GET, "secret/data/app/db", root)));
    assertThat(read.get("data")).isEqualTo(SECRET);
  }

  /** Every stored key under {@code prefix}, depth first. */
  private List<String> keysUnder(String prefix) {
    List<String> out = new ArrayList<>();
    for (String child : backend.list(prefix)) {
      if (child.endsWith("/")) {
        out.addAll(keysUnder(prefix + child));
      } else {
        out.add(prefix + child);
      }
    }
    return out;
  }
}
