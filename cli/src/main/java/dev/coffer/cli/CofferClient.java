package dev.coffer.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/** A small client of Coffer's (Vault's) HTTP API, used by every client command. */
public final class CofferClient {
  /** The content type {@code PATCH} requests carry. */
  public static final String MERGE_PATCH = "application/merge-patch+json";

  static final ObjectMapper JSON = new ObjectMapper();

  private final String address;
  private final String token;
  private final HttpClient http;

  /**
   * A client.
   *
   * @param address the server's base URL, e.g. {@code http://127.0.0.1:8200}
   * @param token the client token, or {@code null}
   */
  public CofferClient(String address, String token) {
    this(address, token, null);
  }

  /**
   * A client with its own TLS trust.
   *
   * @param sslContext the trust for {@code https} addresses, or {@code null} for the JDK's default
   */
  public CofferClient(String address, String token, SSLContext sslContext) {
    this.address = address.endsWith("/") ? address.substring(0, address.length() - 1) : address;
    this.token = token;
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
    if (sslContext != null) {
      b.sslContext(sslContext);
    }
    this.http = b.build();
  }

  /** The server's base URL. */
  public String address() {
    return address;
  }

  /** {@code GET /v1/<path>}. */
  public ApiResponse get(String path) {
    return send("GET", path, null);
  }

  /** {@code LIST /v1/<path>}. */
  public ApiResponse list(String path) {
    return send("LIST", path, null);
  }

  /** {@code POST /v1/<path>} with a JSON body. */
  public ApiResponse post(String path, Object body) {
    return send("POST", path, body);
  }

  /** {@code PUT /v1/<path>} with a JSON body. */
  public ApiResponse put(String path, Object body) {
    return send("PUT", path, body);
  }

  /** {@code PATCH /v1/<path>} with a JSON merge patch. */
  public ApiResponse patch(String path, Object body) {
    return send("PATCH", path, body);
  }

  /** {@code DELETE /v1/<path>}. */
  public ApiResponse delete(String path) {
    return send("DELETE", path, null);
  }

  /**
   * Sends one request; never throws for an error status (see {@link ApiResponse#orThrow()}).
   *
   * @param path the path after {@code /v1/}, may carry a query string
   * @throws CliException when the server cannot be reached or answers something that is not JSON
   */
  public ApiResponse send(String method, String path, Object body) {
    URI uri;
    try {
      uri = URI.create(address + "/v1/" + encode(path.startsWith("/") ? path.substring(1) : path));
    } catch (IllegalArgumentException e) {
      throw new CliException("invalid address or path: " + address + "/v1/" + path);
    }
    HttpRequest.Builder b;
    try {
      b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
    } catch (IllegalArgumentException e) {
      throw new CliException(
          "invalid address " + address + " (expected e.g. http://127.0.0.1:8200)");
    }
    b.header("X-Vault-Request", "true");
    if (token != null) {
      b.header("X-Vault-Token", token);
    }
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", method.equals("PATCH") ? MERGE_PATCH : "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofByteArray(toJson(body)));
    }
    HttpResponse<byte[]> response;
    try {
      response = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (ConnectException e) {
      throw new CliException("cannot connect to " + address + " (is the server running?)");
    } catch (SSLException e) {
      throw new CliException(
          "TLS with "
              + address
              + " failed: "
              + e.getMessage()
              + " (use -ca-cert=FILE to trust the server's certificate)");
    } catch (IOException e) {
      throw new CliException("request to " + address + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted");
    }
    return new ApiResponse(response.statusCode(), parse(response));
  }

  /**
   * Percent-encodes the path part (everything but unreserved characters and {@code /}); a query
   * string after {@code ?} is the caller's and left as is.
   */
  static String encode(String pathAndQuery) {
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    StringBuilder b = new StringBuilder(path.length());
    for (byte c : path.getBytes(StandardCharsets.UTF_8)) {
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~'
          || c == '/') {
        b.append((char) c);
      } else {
        b.append('%').append(String.format("%02X", c & 0xff));
      }
    }
    return q < 0 ? b.toString() : b.append(pathAndQuery.substring(q)).toString();
  }

  private static byte[] toJson(Object body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new CliException("cannot encode the request as JSON");
    }
  }

  private static JsonNode parse(HttpResponse<byte[]> response) {
    byte[] bytes = response.body();
    if (bytes == null || bytes.length == 0) {
      return MissingNode.getInstance();
    }
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new CliException(
          "the server answered " + response.statusCode() + " with a body that is not JSON");
    }
  }
}
