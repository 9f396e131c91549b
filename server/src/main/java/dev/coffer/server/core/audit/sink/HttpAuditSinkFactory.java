package dev.coffer.server.core.audit.sink;

import dev.coffer.spi.AuditSink;
import dev.coffer.spi.AuditSinkFactory;
import dev.coffer.spi.Durations;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The {@code http} audit sink: POSTs each entry as a JSON body to {@code url}; any answer other
 * than 2xx, or none within {@code timeout} (a duration, default {@code 5s}), is a failed write.
 */
public final class HttpAuditSinkFactory implements AuditSinkFactory {
  @Override
  public String type() {
    return "http";
  }

  @Override
  public AuditSink create(Map<String, String> options) {
    URI url = url(options.getOrDefault("url", "").trim());
    Duration timeout = timeout(options.getOrDefault("timeout", "5s").trim());
    HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
    return entry -> {
      HttpRequest request =
          HttpRequest.newBuilder(url)
              .timeout(timeout)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(entry))
              .build();
      try {
        HttpResponse<Void> r = client.send(request, HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() / 100 != 2) {
          throw new IOException("audit endpoint answered " + r.statusCode());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while sending an audit entry");
      }
    };
  }

  private static URI url(String raw) {
    if (raw.isEmpty()) {
      throw new IllegalArgumentException("url is required");
    }
    try {
      URI u = URI.create(raw);
      if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
        throw new IllegalArgumentException();
      }
      return u;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("url must be an http or https URL");
    }
  }

  private static Duration timeout(String raw) {
    try {
      Duration d = Durations.parse(raw);
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException();
      }
      return d;
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new IllegalArgumentException("timeout must be a positive duration such as 5s");
    }
  }
}
