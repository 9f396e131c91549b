package dev.coffer.server.http;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * System properties Jetty reads once, set before it starts so that it skips expensive probes.
 *
 * <p>{@code org.eclipse.jetty.util.referencesPerCacheLine}: without it, Jetty's {@code MemoryUtils}
 * starts the platform MBean server (registering every JVM management bean, about a tenth of the
 * HTTP start-up) only to ask whether compressed object pointers are on. The same answer comes from
 * the HotSpot diagnostic bean alone; the value follows Jetty's own rule (a cache line of {@code
 * org.eclipse.jetty.util.cacheLineBytes}, 64 by default, holds 16 compressed references, else 8). A
 * value set on the command line is kept.
 */
final class JettyDefaults {
  static final String REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";
  private static final String CACHE_LINE_BYTES = "org.eclipse.jetty.util.cacheLineBytes";

  private JettyDefaults() {}

  /** Sets what is not set already; leaves everything to Jetty when the JVM cannot say. */
  static void apply() {
    if (System.getProperty(REFERENCES_PER_CACHE_LINE) != null) {
      return;
    }
    try {
      HotSpotDiagnosticMXBean hotspot =
          ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      boolean compressed =
          Boolean.parseBoolean(hotspot.getVMOption("UseCompressedOops").getValue());
      int cacheLine = Integer.parseInt(System.getProperty(CACHE_LINE_BYTES, "64"));
      System.setProperty(
          REFERENCES_PER_CACHE_LINE, Integer.toString(cacheLine / (compressed ? 4 : 8)));
    } catch (RuntimeException | LinkageError e) {
      // Not HotSpot, or no management module: Jetty asks in its own way.
    }
  }
}
