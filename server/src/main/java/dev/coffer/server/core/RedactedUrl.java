package dev.coffer.server.core;

import java.net.URI;

/**
 * A URL as logs and error messages may show it: scheme, host and port only. Webhook and heartbeat
 * URLs often carry a credential in their user info, path or query (Slack, Teams, {@code ?token=}).
 */
public final class RedactedUrl {
  private RedactedUrl() {}

  /** {@code https://hooks.example.com/...} for any URL of that host; {@code <invalid URL>} else. */
  public static String of(String url) {
    try {
      URI u = URI.create(url);
      if (u.getHost() == null) {
        return "<invalid URL>";
      }
      String port = u.getPort() < 0 ? "" : ":" + u.getPort();
      boolean more =
          u.getRawPath() != null && u.getRawPath().length() > 1 || u.getRawQuery() != null;
      return u.getScheme() + "://" + u.getHost() + port + (more ? "/..." : "");
    } catch (IllegalArgumentException e) {
      return "<invalid URL>";
    }
  }
}
