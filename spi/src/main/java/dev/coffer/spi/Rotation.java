package dev.coffer.spi;

import java.util.Objects;

/**
 * The outcome of rotating one secret an engine manages (a static database role, a KV secret with a
 * rotator), as the killswitch and rotation reports show it.
 *
 * @param path the mount-relative path of what was rotated, e.g. {@code static-roles/app}
 * @param error why it failed, or {@code ""} if it was rotated; never contains a secret value
 */
public record Rotation(String path, String error) {

  public Rotation {
    Objects.requireNonNull(path, "path");
    error = Objects.requireNonNullElse(error, "");
  }

  /** A successful rotation of {@code path}. */
  public static Rotation rotated(String path) {
    return new Rotation(path, "");
  }

  /** A failed rotation of {@code path}. */
  public static Rotation failed(String path, String error) {
    return new Rotation(path, error == null || error.isEmpty() ? "rotation failed" : error);
  }

  /** Whether the secret was rotated. */
  public boolean ok() {
    return error.isEmpty();
  }
}
