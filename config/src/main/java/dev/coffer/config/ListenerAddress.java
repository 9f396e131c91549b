package dev.coffer.config;

import java.util.Objects;

/**
 * Where the server listens: a host (name, IPv4, or IPv6 without brackets) and a port; port 0 picks
 * a free port.
 *
 * @param host the host to bind, e.g. {@code 127.0.0.1} or {@code ::1}
 * @param port the TCP port, 0 to 65535
 */
public record ListenerAddress(String host, int port) {

  public ListenerAddress {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /**
   * Parses {@code host:port}, {@code [v6]:port}, or {@code :port} (all interfaces).
   *
   * @throws ConfigException naming {@code key} if the value is not such an address
   */
  public static ListenerAddress parse(String key, String value) {
    String v = value.trim();
    int colon = v.lastIndexOf(':');
    if (colon < 0) {
      throw ConfigException.invalid(key, "expected host:port, e.g. 127.0.0.1:8200");
    }
    String host = v.substring(0, colon);
    String portText = v.substring(colon + 1);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw ConfigException.invalid(key, "an IPv6 host must be in brackets, e.g. [::1]:8200");
    }
    if (host.isEmpty()) {
      host = "0.0.0.0";
    }
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      throw ConfigException.invalid(key, "expected host:port with a numeric port");
    }
    if (port < 0 || port > 65535) {
      throw ConfigException.invalid(key, "port must be between 0 and 65535");
    }
    return new ListenerAddress(host, port);
  }

  /** {@code host:port}, with brackets around an IPv6 host. */
  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
