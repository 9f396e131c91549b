package dev.coffer.server.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.backend.local.storage.InMemoryStorageBackend;
import dev.coffer.server.core.AuditedCall;
import dev.coffer.server.core.PluginRegistry;
import dev.coffer.server.core.audit.sink.AuditPlugin;
import dev.coffer.server.core.barrier.AesGcm;
import dev.coffer.server.core.barrier.Barrier;
import dev.coffer.spi.ClientInfo;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.Operation;
import dev.coffer.spi.Response;
import dev.coffer.spi.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditBrokerTest {
  @TempDir Path dir;
  private Storage storage;
  private AuditBroker broker;

  @BeforeEach
  void unsealedBarrier() {
    Barrier barrier = new Barrier(new InMemoryStorageBackend());
    barrier.initialize(AesGcm.randomBytes(32), Instant.now());
    storage = barrier.root();
    broker =
        new AuditBroker(storage, PluginRegistry.of(List.of(new AuditPlugin())), Clock.systemUTC());
  }

  @Test
  void withNoDeviceEveryRequestIsServed() {
    broker.request(call("secret/data/a", Map.of("v", "x")));
  }

  @Test
  void requestAndResponseEntriesHashEveryValueAndTheAccessor() throws IOException {
    Path file = dir.resolve("audit.log");
    broker.enable("file", "file", "", Map.of("file_path", file.toString()));
    AuditedCall call = call("secret/data/a", Map.of("pw", "sekrit", "n", 31337, "b", true));
    broker.request(call);
    broker.response(call, Response.of(Map.of("data", Map.of("pw", "sekrit"))), null);

    String log = Files.readString(file);
    assertThat(log).doesNotContain("sekrit", "31337", "accessor-1234");
    assertThat(log)
        .contains("\"type\":\"request\"", "\"type\":\"response\"", "\"path\":\"secret/data/a\"")
        .contains("\"pw\":\"" + broker.hash("file", "sekrit") + "\"")
        .contains("\"n\":\"" + broker.hash("file/", "31337") + "\"")
        .contains("\"b\":\"" + broker.hash("file", "true") + "\"")
        .contains("\"accessor\":\"" + broker.hash("file", "accessor-1234") + "\"");
    assertThat(AuditChainVerifier.verify(List.of(file)).intact()).isTrue();
  }

  @Test
  void hmacAccessorFalseLeavesTheAccessorInClear() throws IOException {
    Path file = dir.resolve("audit.log");
    broker.enable(
        "file", "file", "", Map.of("file_path", file.toString(), "hmac_accessor", "false"));
    broker.request(call("secret/data/a", Map.of()));
    assertThat(Files.readString(file)).contains("\"accessor\":\"accessor-1234\"");
  }

  @Test
  void whenTheOnlyDeviceCannotWriteTheRequestIsRefusedAndTheDeviceIsDown() throws IOException {
    Path logs = dir.resolve("logs");
    broker.enable("file", "file", "", Map.of("file_path", logs.resolve("audit.log").toString()));
    deleteTree(logs);
    Files.writeString(logs, "not a directory");
    FileSinkPathCheck.sleepPastPathCheck();

    assertThatThrownBy(() -> broker.request(call("secret/data/a", Map.of())))
        .isInstanceOfSatisfying(
            CofferException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL);
              assertThat(e.getMessage()).isEqualTo("no audit device could record the request");
            });
    assertThat(broker.devicesDown()).containsExactly("file/");
    @SuppressWarnings("unchecked")
    Map<String, Object> row = (Map<String, Object>) broker.list().get("file/");
    assertThat(row).containsEntry("status", "down").containsKey("error");

    Files.delete(logs);
    broker.request(call("secret/data/a", Map.of()));
    assertThat(broker.devicesDown()).isEmpty();
  }

  @Test
  void oneWorkingDeviceIsEnoughAndTheOtherIsMarkedDown() throws IOException {
    Path bad = dir.resolve("bad");
    broker.enable("bad", "file", "", Map.of("file_path", bad.resolve("a.log").toString()));
    broker.enable("good", "file", "", Map.of("file_path", dir.resolve("b.log").toString()));
    deleteTree(bad);
    Files.writeString(bad, "x");
    FileSinkPathCheck.sleepPastPathCheck();

    broker.request(call("secret/data/a", Map.of()));
    assertThat(broker.devicesDown()).containsExactly("bad/");
  }

  @Test
  void enablingChecksPathTypeAndOptions() {
    broker.enable("file", "file", "", Map.of("file_path", dir.resolve("a.log").toString()));
    assertThatThrownBy(
            () -> broker.enable("file/", "file", "", Map.of("file_path", dir + "/b.log")))
        .hasMessage("path already in use");
    assertThatThrownBy(() -> broker.enable("x", "syslog", "", Map.of()))
        .hasMessage("unknown audit device type \"syslog\"");
    assertThatThrownBy(() -> broker.enable("y", "file", "", Map.of()))
        .hasMessage("file_path is required");
    assertThatThrownBy(
            () -> broker.enable("z", "file", "", Map.of("file_path", dir + "/c", "mode", "0755")))
        .hasMessage("mode must not contain executable permissions");
    assertThatThrownBy(
            () ->
                broker.enable("w", "file", "", Map.of("file_path", dir + "/d", "log_raw", "true")))
        .hasMessageContaining("log_raw is not supported");
    assertThatThrownBy(() -> broker.hash("nope", "x")).hasMessage("unknown audit backend");
  }

  @Test
  void theDeviceTableSurvivesCloseAndLoadWithTheSameSalt() {
    broker.enable("file", "file", "d", Map.of("file_path", dir.resolve("a.log").toString()));
    String before = broker.hash("file", "value");
    broker.closeAll();
    assertThat(broker.list()).isEmpty();

    broker.load();
    assertThat(broker.list()).containsOnlyKeys("file/");
    assertThat(broker.hash("file", "value")).isEqualTo(before);
    broker.disable("file");
    broker.load();
    assertThat(broker.list()).isEmpty();
  }

  @Test
  void theAccessLogListsAllowedDeniedAndErrorNewestFirst() {
    AuditedCall read = call("secret/data/app", Map.of());
    broker.response(read, Response.of(Map.of("data", Map.of("pw", "x"))), null);
    broker.response(
        call("secret/data/app", Map.of()),
        null,
        new CofferException(ErrorCode.PERMISSION_DENIED, "permission denied"));
    broker.response(
        call("secret/data/app", Map.of()), null, new CofferException(ErrorCode.INTERNAL, "boom"));

    List<Map<String, Object>> log = broker.accessLog().list("secret/data/app/", 10);
    assertThat(log).extracting(e -> e.get("outcome")).containsExactly("error", "denied", "allowed");
    assertThat(log.get(2))
        .containsEntry("request_id", read.requestId())
        .containsEntry("operation", "read")
        .containsEntry("accessor", "accessor-1234")
        .containsEntry("display_name", "tester")
        .containsEntry("remote_address", "10.0.0.1");
    assertThat(log.toString()).doesNotContain("\"x\"", "pw");
    assertThat(broker.accessLog().list("secret/data/other", 10)).isEmpty();
  }

  @Test
  void theAccessLogKeepsTheNewestRecordsOfAllPathsTogether() {
    // Chunks of 2 records, at least 4 kept: the two newest full chunks and the open one.
    AccessLog small = new AccessLog(storage, 2, 4, 100, 100);
    for (int i = 0; i < 10; i++) {
      small.record(
          call(i % 2 == 0 ? "p/q" : "p/r", Map.of()), null, Instant.ofEpochSecond(1000 + i));
    }
    assertThat(small.list("p/q", 10))
        .extracting(e -> e.get("time"))
        .containsExactly(
            Instant.ofEpochSecond(1008).toString(),
            Instant.ofEpochSecond(1006).toString(),
            Instant.ofEpochSecond(1004).toString());
    assertThat(small.list("p/r", 10)).hasSize(3);
  }

  private static AuditedCall call(String path, Map<String, Object> data) {
    return new AuditedCall(
        UUID.randomUUID().toString(),
        Instant.now(),
        Operation.READ,
        path,
        "secret/",
        "kv",
        data,
        new ClientInfo("10.0.0.1", "accessor-1234", "tester", List.of("default"), ""));
  }

  private static void deleteTree(Path p) throws IOException {
    try (var s = Files.walk(p)) {
      for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }
}
