package dev.coffer.server.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.coffer.backend.local.storage.InMemoryStorageBackend;
import dev.coffer.server.core.AuditedCall;
import dev.coffer.server.core.PluginRegistry;
import dev.coffer.server.core.audit.sink.AuditPlugin;
import dev.coffer.server.core.barrier.AesGcm;
import dev.coffer.server.core.barrier.Barrier;
import dev.coffer.spi.ClientInfo;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.Operation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NetworkAndStdoutSinksTest {
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger status = new AtomicInteger(204);
  private HttpServer collector;
  private AuditBroker broker;

  @BeforeEach
  void start() throws IOException {
    collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    collector.createContext(
        "/audit",
        exchange -> {
          received.add(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(status.get(), -1);
          exchange.close();
        });
    collector.start();
    Barrier barrier = new Barrier(new InMemoryStorageBackend());
    barrier.initialize(AesGcm.randomBytes(32), Instant.now());
    broker =
        new AuditBroker(
            barrier.root(), PluginRegistry.of(List.of(new AuditPlugin())), Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    broker.closeAll();
    collector.stop(0);
  }

  @Test
  void theHttpDevicePostsEachChainedEntryAsJson() {
    broker.enable("http", "http", "", Map.of("url", url(), "timeout", "2s"));
    broker.request(call());

    assertThat(received).hasSize(2);
    assertThat(received.get(0)).contains("\"type\":\"audit_chain\"", "\"seq\":1");
    assertThat(received.get(1)).contains("\"type\":\"request\"", "\"seq\":2");
  }

  @Test
  void anHttpEndpointThatAnswersAnErrorRefusesTheRequest() {
    broker.enable("http", "http", "", Map.of("url", url()));
    status.set(500);

    assertThatThrownBy(() -> broker.request(call()))
        .isInstanceOf(CofferException.class)
        .hasMessage("no audit device could record the request");
    assertThat(broker.devicesDown()).containsExactly("http/");
  }

  @Test
  void httpOptionsAreChecked() {
    assertThatThrownBy(() -> broker.enable("h", "http", "", Map.of()))
        .hasMessage("url is required");
    assertThatThrownBy(() -> broker.enable("h", "http", "", Map.of("url", "ftp://x")))
        .hasMessage("url must be an http or https URL");
    assertThatThrownBy(() -> broker.enable("h", "http", "", Map.of("url", url(), "timeout", "0")))
        .hasMessage("timeout must be a positive duration such as 5s");
  }

  @Test
  void theStdoutDeviceWritesOneLinePerEntry() {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      broker.enable("stdout", "stdout", "", Map.of());
      broker.request(call());
    } finally {
      System.setOut(original);
    }
    String[] lines = captured.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[1]).contains("\"type\":\"request\"").doesNotContain("value-9");
  }

  private String url() {
    return "http://127.0.0.1:" + collector.getAddress().getPort() + "/audit";
  }

  private static AuditedCall call() {
    return new AuditedCall(
        "req-1",
        Instant.now(),
        Operation.UPDATE,
        "secret/data/a",
        "secret/",
        "kv",
        Map.of("v", "value-9"),
        new ClientInfo("127.0.0.1", "acc", "root", List.of("root"), ""));
  }
}
