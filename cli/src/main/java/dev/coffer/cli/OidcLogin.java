package dev.coffer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code coffer login -method=oidc}: the operator's browser login, as the vault CLI does it.
 * Listens on {@code 127.0.0.1:<port>} (default 8250) for {@code /oidc/callback}, asks the server
 * for the provider's authorization URL with the redirect URI {@code
 * http://localhost:<port>/oidc/callback} and a fresh client nonce, prints it and opens the browser
 * (unless {@code skip_browser=true}), then forwards the {@code state} and {@code code} the browser
 * brings back to {@code auth/<path>/oidc/callback} and answers the browser with a small page.
 * Arguments: {@code role}, {@code port}, {@code skip_browser}, {@code listenaddress}, {@code
 * callbackhost}, {@code callbackport}, {@code callbackmethod} (vault's names).
 */
final class OidcLogin {
  static final String CALLBACK_PATH = "/oidc/callback";

  /** How long to wait for the browser to come back. */
  static final Duration TIMEOUT = Duration.ofMinutes(5);

  private static final SecureRandom RANDOM = new SecureRandom();

  private final CliContext ctx;
  private final CofferClient client;
  private final String mount;

  OidcLogin(CliContext ctx, CofferClient client, String mount) {
    this.ctx = ctx;
    this.client = client;
    this.mount = mount;
  }

  /** Runs the flow; answers the server's login answer (with its {@code auth} block). */
  JsonNode login(Map<String, Object> args) {
    String listen = arg(args, "listenaddress", "127.0.0.1");
    int port = port(arg(args, "port", "8250"), "port");
    boolean skipBrowser = Boolean.parseBoolean(arg(args, "skip_browser", "false"));
    CompletableFuture<JsonNode> result = new CompletableFuture<>();
    String clientNonce = randomNonce();
    HttpServer listener = listen(listen, port);
    try {
      int actualPort = listener.getAddress().getPort();
      String callbackPort = arg(args, "callbackport", String.valueOf(actualPort));
      String redirectUri =
          arg(args, "callbackmethod", "http")
              + "://"
              + arg(args, "callbackhost", "localhost")
              + ":"
              + port(callbackPort, "callbackport")
              + CALLBACK_PATH;
      listener.createContext(CALLBACK_PATH, x -> callback(x, clientNonce, result));
      listener.start();
      String url = authUrl(arg(args, "role", ""), redirectUri, clientNonce);
      ctx.err().println("Complete the login via your OIDC provider. Launching browser to:");
      ctx.err().println();
      ctx.err().println("    " + url);
      ctx.err().println();
      if (skipBrowser || !openBrowser(url)) {
        ctx.err().println("Open the URL above in a browser to continue.");
      }
      ctx.err().println("Waiting for OIDC authentication to complete...");
      ctx.err().flush();
      return await(result);
    } finally {
      listener.stop(0);
    }
  }

  private String authUrl(String role, String redirectUri, String clientNonce) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (!role.isEmpty()) {
      body.put("role", role);
    }
    body.put("redirect_uri", redirectUri);
    body.put("client_nonce", clientNonce);
    String url =
        client
            .post("auth/" + mount + "/oidc/auth_url", body)
            .orThrow()
            .data()
            .path("auth_url")
            .asText("");
    if (url.isEmpty()) {
      throw new CliException(
          "Unable to authorize role \""
              + role
              + "\" with redirect_uri \""
              + redirectUri
              + "\". Check the server logs for more information.");
    }
    return url;
  }

  /** Handles the browser's return: forwards state and code, answers a page, completes. */
  private void callback(HttpExchange x, String clientNonce, CompletableFuture<JsonNode> result)
      throws IOException {
    try (x) {
      if (result.isDone()) {
        page(x, 400, "Login already handled", "This login was already completed.");
        return;
      }
      Map<String, String> params = params(x);
      if (params.containsKey("error")) {
        String why = params.get("error") + " " + params.getOrDefault("error_description", "");
        page(x, 400, "Login failed", "The identity provider refused the login: " + why.trim());
        result.completeExceptionally(
            new CliException("the identity provider refused the login: " + why.trim()));
        return;
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("state", params.getOrDefault("state", ""));
      body.put("code", params.getOrDefault("code", ""));
      if (params.containsKey("id_token")) {
        body.put("id_token", params.get("id_token"));
      }
      body.put("client_nonce", clientNonce);
      try {
        JsonNode answer = client.post("auth/" + mount + "/oidc/callback", body).orThrow().body();
        page(x, 200, "Signed in", "You are signed in to Coffer. You can close this window.");
        result.complete(answer);
      } catch (ApiException | CliException e) {
        page(x, 400, "Login failed", e.getMessage() + " You can close this window.");
        result.completeExceptionally(e);
      }
    }
  }

  private static JsonNode await(CompletableFuture<JsonNode> result) {
    try {
      return result.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new CliException(
          "timed out after " + TIMEOUT.toMinutes() + " minutes waiting for the OIDC callback");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted while waiting for the OIDC callback");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new CliException("the OIDC login failed");
    }
  }

  private static Map<String, String> params(HttpExchange x) throws IOException {
    String raw = x.getRequestURI().getRawQuery();
    if ("POST".equalsIgnoreCase(x.getRequestMethod())) {
      // oidc_response_mode=form_post: the provider posts the form to this listener
      raw = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, String> params = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      params.putIfAbsent(decode(k), decode(v));
    }
    return params;
  }

  private static void page(HttpExchange x, int status, String title, String text)
      throws IOException {
    String html =
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Coffer: "
            + escape(title)
            + "</title></head><body style=\"font-family:sans-serif;margin:3em\"><h1>"
            + escape(title)
            + "</h1><p>"
            + escape(text)
            + "</p></body></html>";
    byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    x.getResponseHeaders().set("Cache-Control", "no-store");
    x.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Opens the system browser if this JVM can; never fails. */
  static boolean openBrowser(String url) {
    try {
      if (java.awt.GraphicsEnvironment.isHeadless() || !java.awt.Desktop.isDesktopSupported()) {
        return false;
      }
      java.awt.Desktop desktop = java.awt.Desktop.getDesktop();
      if (!desktop.isSupported(java.awt.Desktop.Action.BROWSE)) {
        return false;
      }
      desktop.browse(URI.create(url));
      return true;
    } catch (Exception | LinkageError e) {
      return false;
    }
  }

  private static HttpServer listen(String address, int port) {
    try {
      return HttpServer.create(new InetSocketAddress(address, port), 0);
    } catch (IOException e) {
      throw new CliException(
          "cannot listen on " + address + ":" + port + " for the OIDC callback: " + e.getMessage());
    }
  }

  private static String arg(Map<String, Object> args, String key, String fallback) {
    Object v = args.get(key);
    return v == null || v.toString().isBlank() ? fallback : v.toString().trim();
  }

  private static int port(String value, String name) {
    try {
      int p = Integer.parseInt(value);
      if (p < 0 || p > 65535) {
        throw new NumberFormatException();
      }
      return p;
    } catch (NumberFormatException e) {
      throw new CliException(name + " must be a port number (0-65535), got \"" + value + "\"");
    }
  }

  private static String randomNonce() {
    byte[] b = new byte[20];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
