package dev.coffer.server.testplugins;

import dev.coffer.spi.Plugin;
import dev.coffer.spi.SecretsEngineFactory;
import dev.coffer.spi.SpiVersion;
import java.util.List;

/** A buggy plugin: listing its engines throws. */
public final class BrokenPlugin implements Plugin {
  @Override
  public int spiVersion() {
    return SpiVersion.MAJOR;
  }

  @Override
  public List<SecretsEngineFactory> secretsEngines() {
    throw new IllegalStateException("bug in the plugin");
  }
}
