package dev.coffer.server.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.config.CofferConfig;
import dev.coffer.server.CofferServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real Coffer server for a plugin's own tests: started in-process on a random loopback port, in
 * memory, initialised and unsealed, with a root token. Plugins on the test class path (your
 * plugin's {@code target/classes} with its {@code META-INF/services} file) load as built-in
 * plugins; a plugin jar is loaded exactly as in production, in its own class loader, when you point
 * {@link Builder#pluginDirectory} at a folder holding it.
 *
 * <pre>{@code
 * try (CofferTestServer coffer = CofferTestServer.start()) {
 *   coffer.mount("env", "env-file", Map.of("directory", folder.toString()));
 *   CofferTestServer.Answer a = coffer.get("env/app.env");
 *   assertThat(a.status()).isEqualTo(200);
 *   assertThat(a.data()).containsEntry("DB_USER", "app");
 * }
 * }</pre>
 */
public final class CofferTestServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final CofferServer server;
  private final String rootToken;

  private CofferTestServer(CofferServer server, String rootToken) {
    this.server = server;
    this.rootToken = rootToken;
  }

  /** Starts a server with the plugins on the test class path. */
  public static CofferTestServer start() {
    return builder().start();
  }

  /** Configures a server before starting it. */
  public static Builder builder() {
    return new Builder();
  }

  /** The base URL, e.g. {@code http://127.0.0.1:41234}, for any Vault client. */
  public String address() {
    return server.address();
  }

  /** A root token, valid until the server stops. */
  public String rootToken() {
    return rootToken;
  }

  /**
   * Enables a secrets engine of {@code type} at {@code path} with these options.
   *
   * @throws IllegalStateException with the server's errors if it refuses
   */
  public void mount(String path, String type, Map<String, String> options) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("options", options);
    Answer a = post("sys/mounts/" + path, body);
    if (a.status() >= 300) {
      throw new IllegalStateException(
          "mounting " + type + " at " + path + " failed: " + a.status() + " " + a.errors());
    }
  }

  /** {@code GET /v1/<path>} with the root token. */
  public Answer get(String path) {
    return send("GET", path, null);
  }

  /** {@code LIST /v1/<path>} with the root token. */
  public Answer list(String path) {
    return send("LIST", path, null);
  }

  /** {@code POST /v1/<path>} with a JSON body and the root token. */
  public Answer post(String path, Map<String, ?> body) {
    return send("POST", path, body);
  }

  /** {@code DELETE /v1/<path>} with the root token. */
  public Answer delete(String path) {
    return send("DELETE", path, null);
  }

  /** Sends any method with an optional JSON body and the root token. */
  public Answer send(String method, String path, Map<String, ?> body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(address() + "/v1/" + path))
            .timeout(Duration.ofSeconds(30))
            .header("X-Vault-Token", rootToken);
    try {
      if (body == null) {
        b.method(method, HttpRequest.BodyPublishers.noBody());
      } else {
        b.header("Content-Type", "application/json");
        b.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
      }
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), parse(r.body()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops the server; everything it held in memory is gone. */
  @Override
  public void close() {
    server.close();
  }

  private static Map<String, Object> parse(String raw) throws JsonProcessingException {
    if (raw == null || raw.isBlank()) {
      return Map.of();
    }
    return JSON.readValue(raw, new TypeReference<Map<String, Object>>() {});
  }

  /**
   * One HTTP answer.
   *
   * @param status the HTTP status
   * @param body the parsed JSON body; empty for a 204
   */
  public record Answer(int status, Map<String, Object> body) {
    /** The {@code data} object of Vault's envelope, or an empty map. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> data() {
      Object d = body.get("data");
      return d instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** The {@code errors} of an error answer, or an empty list. */
    @SuppressWarnings("unchecked")
    public List<String> errors() {
      Object e = body.get("errors");
      return e instanceof List<?> l ? (List<String>) l : List.of();
    }
  }

  /** Options of a {@link CofferTestServer}. */
  public static final class Builder {
    private Path pluginDirectory;

    private Builder() {}

    /** Also loads the plugin jars of this folder, each in its own class loader. */
    public Builder pluginDirectory(Path directory) {
      this.pluginDirectory = directory;
      return this;
    }

    /**
     * Starts, initialises and unseals the server.
     *
     * @throws dev.coffer.server.StartupException if a plugin cannot be loaded, naming its jar
     */
    public CofferTestServer start() {
      byte[] sealKey = new byte[32];
      new SecureRandom().nextBytes(sealKey);
      CofferConfig.Builder config =
          CofferConfig.builder()
              .listenerAddress("127.0.0.1:0")
              .storage("inmem", Map.of())
              .seal("static", Map.of("key", HexFormat.of().formatHex(sealKey)));
      if (pluginDirectory != null) {
        config.set("plugin_directory", pluginDirectory.toString());
      }
      CofferServer server = CofferServer.start(config.build());
      try {
        String token = server.core().initialize(1, 1).rootToken();
        return new CofferTestServer(server, token);
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
    }
  }
}
