package dev.coffer.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JettyDefaultsTest {
  private String before;

  @BeforeEach
  void remember() {
    before = System.getProperty(JettyDefaults.REFERENCES_PER_CACHE_LINE);
  }

  @AfterEach
  void restore() {
    if (before == null) {
      System.clearProperty(JettyDefaults.REFERENCES_PER_CACHE_LINE);
    } else {
      System.setProperty(JettyDefaults.REFERENCES_PER_CACHE_LINE, before);
    }
  }

  @Test
  void referencesPerCacheLineFollowJettysOwnRule() {
    System.clearProperty(JettyDefaults.REFERENCES_PER_CACHE_LINE);
    boolean compressed =
        Boolean.parseBoolean(
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .getVMOption("UseCompressedOops")
                .getValue());

    JettyDefaults.apply();

    assertThat(System.getProperty(JettyDefaults.REFERENCES_PER_CACHE_LINE))
        .isEqualTo(compressed ? "16" : "8");
  }

  @Test
  void aValueSetOnTheCommandLineIsKept() {
    System.setProperty(JettyDefaults.REFERENCES_PER_CACHE_LINE, "4");

    JettyDefaults.apply();

    assertThat(System.getProperty(JettyDefaults.REFERENCES_PER_CACHE_LINE)).isEqualTo("4");
  }
}
