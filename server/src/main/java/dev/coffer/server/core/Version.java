package dev.coffer.server.core;

/** The server's version and build date as reported by {@code sys/seal-status} and health. */
public final class Version {
  private Version() {}

  /** The version from the jar manifest, or the development version. */
  public static String version() {
    String v = Version.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-SNAPSHOT" : v;
  }

  /** The build date (RFC 3339), or {@code ""} when unknown. */
  public static String buildDate() {
    return "";
  }
}
