package dev.coffer.spi;

/**
 * The version of this SPI, for checking that a plugin was built against an SPI the server can run.
 *
 * <p>Within one {@link #MAJOR} version the SPI only grows: types, default methods and constants are
 * added, nothing is removed or changed. A change that could break a compiled plugin raises {@link
 * #MAJOR}, and the server then refuses plugins built against another major version.
 *
 * <p>A plugin declares the version it was compiled against by overriding {@link
 * Plugin#spiVersion()} with exactly {@code return SpiVersion.MAJOR;}: {@code MAJOR} is a
 * compile-time constant, so the compiler copies its value into the plugin's own class file.
 */
public final class SpiVersion {
  /** The major version of this SPI. */
  public static final int MAJOR = 1;

  /** What {@link Plugin#spiVersion()} answers when a plugin does not override it. */
  public static final int UNDECLARED = 0;

  private SpiVersion() {}
}
