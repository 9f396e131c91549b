package dev.coffer.server.testplugins;

import dev.coffer.spi.Plugin;
import dev.coffer.spi.SecretsEngineFactory;
import java.util.List;

/** Provides an engine but does not say which SPI it was built against. */
public final class UndeclaredPlugin implements Plugin {
  @Override
  public List<SecretsEngineFactory> secretsEngines() {
    return List.of(new EchoEngineFactory("undeclared"));
  }
}
