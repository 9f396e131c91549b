package dev.coffer.server.testplugins;

import dev.coffer.spi.Plugin;
import dev.coffer.spi.SecretsEngineFactory;
import dev.coffer.spi.SpiVersion;
import java.util.List;

/** A well-behaved plugin providing the {@code echo} engine. */
public final class EchoPlugin implements Plugin {
  @Override
  public String name() {
    return "echo";
  }

  @Override
  public int spiVersion() {
    return SpiVersion.MAJOR;
  }

  @Override
  public List<SecretsEngineFactory> secretsEngines() {
    return List.of(new EchoEngineFactory("echo"));
  }
}
