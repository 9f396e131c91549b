package dev.coffer.auth.jwt;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Set;

/**
 * Whether a redirect URI is one of a role's {@code allowed_redirect_uris}, as Vault decides: an
 * exact string match, except that for loopback hosts ({@code localhost}, {@code 127.0.0.1}, {@code
 * ::1}) the port is ignored (RFC 8252 §7.3), so a CLI may listen on any local port.
 */
final class RedirectUris {
  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  private RedirectUris() {}

  static boolean allowed(String uri, List<String> allowed) {
    URI input = parse(uri);
    if (input == null) {
      return false;
    }
    if (input.getHost() == null || !LOOPBACK.contains(input.getHost())) {
      return allowed.contains(uri);
    }
    String portless = withoutPort(input);
    for (String a : allowed) {
      URI candidate = parse(a);
      if (candidate != null && portless.equals(withoutPort(candidate))) {
        return true;
      }
    }
    return false;
  }

  private static String withoutPort(URI u) {
    try {
      return new URI(
              u.getScheme(), u.getUserInfo(), u.getHost(), -1, u.getPath(), u.getQuery(), null)
          .toString();
    } catch (URISyntaxException e) {
      return "";
    }
  }

  private static URI parse(String s) {
    try {
      return new URI(s);
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
