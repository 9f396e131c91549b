package dev.coffer.examples.envfile;

import dev.coffer.spi.Plugin;
import dev.coffer.spi.SecretsEngineFactory;
import dev.coffer.spi.SpiVersion;
import java.util.List;

/**
 * The plugin: one secrets engine type, {@code env-file}. Registered in {@code
 * META-INF/services/dev.coffer.spi.Plugin}.
 */
public final class EnvFilePlugin implements Plugin {

  @Override
  public String name() {
    return "env-file";
  }

  /** Compiled into this class: the SPI version this plugin was built against. */
  @Override
  public int spiVersion() {
    return SpiVersion.MAJOR;
  }

  @Override
  public List<SecretsEngineFactory> secretsEngines() {
    return List.of(new EnvFileEngineFactory());
  }
}
