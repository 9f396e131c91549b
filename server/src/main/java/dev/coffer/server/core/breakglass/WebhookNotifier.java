package dev.coffer.server.core.breakglass;

import dev.coffer.server.core.Json;
import dev.coffer.server.core.RedactedUrl;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends break-glass notifications to webhooks, off the request thread: a JSON body signed with
 * {@code X-Coffer-Signature: sha256=<hex HMAC-SHA256(webhook_secret, body)>}, each URL tried up to
 * {@link #ATTEMPTS} times with a timeout. A URL that never answers 2xx is reported to the failure
 * callback (the grant is never blocked). The secret is never logged.
 */
final class WebhookNotifier {
  private static final System.Logger LOG = System.getLogger(WebhookNotifier.class.getName());
  static final String SIGNATURE = "X-Coffer-Signature";
  static final String EVENT = "X-Coffer-Event";
  static final int ATTEMPTS = 3;

  private final Duration timeout;
  private final Duration backoff;
  // Created on the first notification: building a client loads the JDK's TLS trust store, a
  // noticeable part of start-up, and most servers never send one.
  private HttpClient http;

  WebhookNotifier(Duration timeout, Duration backoff) {
    this.timeout = timeout;
    this.backoff = backoff;
  }

  private synchronized HttpClient http() {
    if (http == null) {
      http =
          HttpClient.newBuilder()
              .connectTimeout(timeout)
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
    }
    return http;
  }

  /**
   * Sends {@code body} to every URL in the background.
   *
   * @param onFailure called with the URL and a message (never the secret) when a URL gave up
   */
  void send(
      List<String> urls,
      String secret,
      String event,
      Map<String, Object> body,
      BiConsumer<String, String> onFailure) {
    if (urls.isEmpty()) {
      return;
    }
    byte[] json = Json.write(body);
    String signature = secret.isEmpty() ? null : "sha256=" + sign(secret, json);
    for (int i = 0; i < urls.size(); i++) {
      String url = urls.get(i);
      // Errors name the webhook by position and host only: its path often holds a credential.
      String label = "webhook " + (i + 1) + " (" + RedactedUrl.of(url) + ")";
      attempt(url, label, json, signature, event, 1, onFailure);
    }
  }

  /** {@code hex(HMAC-SHA256(secret, body))}. */
  static String sign(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  private void attempt(
      String url,
      String label,
      byte[] json,
      String signature,
      String event,
      int attempt,
      BiConsumer<String, String> onFailure) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header(EVENT, event)
            .POST(HttpRequest.BodyPublishers.ofByteArray(json));
    if (signature != null) {
      b.header(SIGNATURE, signature);
    }
    http()
        .sendAsync(b.build(), HttpResponse.BodyHandlers.discarding())
        .handle(
            (response, error) -> {
              String problem =
                  error != null
                      ? error.getClass().getSimpleName()
                      : response.statusCode() / 100 == 2 ? null : "HTTP " + response.statusCode();
              if (problem == null) {
                return null;
              }
              if (attempt < ATTEMPTS) {
                Executor later =
                    CompletableFuture.delayedExecutor(
                        backoff.toMillis() * attempt, TimeUnit.MILLISECONDS);
                later.execute(
                    () -> attempt(url, label, json, signature, event, attempt + 1, onFailure));
              } else {
                String message = label + " failed after " + ATTEMPTS + " attempts: " + problem;
                LOG.log(System.Logger.Level.WARNING, "break-glass notification: " + message);
                try {
                  onFailure.accept(url, message);
                } catch (RuntimeException e) {
                  LOG.log(
                      System.Logger.Level.WARNING,
                      "cannot record a break-glass notification failure: " + e.getMessage());
                }
              }
              return null;
            });
  }
}
