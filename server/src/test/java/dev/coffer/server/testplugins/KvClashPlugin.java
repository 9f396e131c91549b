package dev.coffer.server.testplugins;

import dev.coffer.spi.Plugin;
import dev.coffer.spi.SecretsEngineFactory;
import dev.coffer.spi.SpiVersion;
import java.util.List;

/** Provides a secrets engine type the built-in local plugin already provides: {@code kv}. */
public final class KvClashPlugin implements Plugin {
  @Override
  public String name() {
    return "kv-clash";
  }

  @Override
  public int spiVersion() {
    return SpiVersion.MAJOR;
  }

  @Override
  public List<SecretsEngineFactory> secretsEngines() {
    return List.of(new EchoEngineFactory("kv"));
  }
}
