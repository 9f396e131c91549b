package dev.coffer.auth.jwt;

import dev.coffer.spi.CofferException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Fetches documents (discovery, JWKS) over HTTP(S) with {@link java.net.http}. When a CA PEM is
 * given, only servers whose certificate chains to it are trusted.
 */
final class HttpFetcher {
  /** How long to wait for the identity provider. */
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient client;

  private HttpFetcher(HttpClient client) {
    this.client = client;
  }

  /** A fetcher trusting the JVM's CAs, or only those in {@code caPem} when it is not blank. */
  static HttpFetcher trusting(String caPem) {
    HttpClient.Builder b =
        HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER);
    if (caPem != null && !caPem.isBlank()) {
      b.sslContext(sslContext(caPem));
    }
    return new HttpFetcher(b.build());
  }

  /** The body of a {@code GET url}; fails with an {@link IOException} unless the status is 200. */
  String get(String url) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(TIMEOUT)
            .header("Accept", "application/json")
            .GET()
            .build();
    try {
      HttpResponse<String> r =
          client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (r.statusCode() != 200) {
        throw new IOException("unexpected status " + r.statusCode() + " from " + url);
      }
      return r.body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while fetching " + url, e);
    } catch (IllegalArgumentException e) {
      throw new IOException("invalid URL " + url, e);
    }
  }

  /** A status and body answered by the provider. */
  record Answer(int status, String body) {}

  /**
   * {@code POST url} with a form body ({@code application/x-www-form-urlencoded}) and extra
   * headers; answers whatever status came back. Failures name the URL, never the body.
   */
  Answer postForm(String url, String form, Map<String, String> headers) throws IOException {
    try {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(TIMEOUT)
              .header("Accept", "application/json")
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8));
      headers.forEach(b::header);
      HttpResponse<String> r =
          client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(r.statusCode(), r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while posting to " + url, e);
    } catch (IllegalArgumentException e) {
      throw new IOException("invalid URL " + url, e);
    }
  }

  private static SSLContext sslContext(String caPem) {
    try {
      Collection<? extends Certificate> certs =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(
                  new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII)));
      if (certs.isEmpty()) {
        throw new CertificateException("no certificate");
      }
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      int i = 0;
      for (Certificate c : certs) {
        trust.setCertificateEntry("ca-" + i++, c);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException | IOException e) {
      throw CofferException.invalid(
          "could not parse the CA PEM: expected PEM-encoded X.509 certificates");
    }
  }
}
