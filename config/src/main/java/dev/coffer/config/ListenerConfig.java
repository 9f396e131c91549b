package dev.coffer.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The {@code listener} section: where and how the HTTP API listens.
 *
 * @param address where to listen
 * @param tlsCertFile a PEM certificate (chain), or {@code null} for plain HTTP
 * @param tlsKeyFile the PEM private key of the certificate, or {@code null} for plain HTTP
 * @param maxRequestSize the largest request body accepted, in bytes
 */
public record ListenerConfig(
    ListenerAddress address, Path tlsCertFile, Path tlsKeyFile, long maxRequestSize) {

  public ListenerConfig {
    Objects.requireNonNull(address, "address");
    if ((tlsCertFile == null) != (tlsKeyFile == null)) {
      throw new IllegalArgumentException("TLS needs both a certificate and a key");
    }
    if (maxRequestSize <= 0) {
      throw new IllegalArgumentException("maxRequestSize must be positive");
    }
  }

  /** A plain-HTTP listener with the default body limit. */
  public static ListenerConfig plain(ListenerAddress address) {
    return new ListenerConfig(address, null, null, CofferConfig.DEFAULT_MAX_REQUEST_SIZE);
  }

  /** Whether the listener serves HTTPS. */
  public boolean tls() {
    return tlsCertFile != null;
  }
}
