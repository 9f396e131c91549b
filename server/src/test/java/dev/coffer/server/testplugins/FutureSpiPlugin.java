package dev.coffer.server.testplugins;

import dev.coffer.spi.Plugin;
import dev.coffer.spi.SecretsEngineFactory;
import java.util.List;

/** Claims to be built against an SPI major version this server does not run. */
public final class FutureSpiPlugin implements Plugin {
  @Override
  public int spiVersion() {
    return 99;
  }

  @Override
  public List<SecretsEngineFactory> secretsEngines() {
    return List.of(new EchoEngineFactory("future"));
  }
}
