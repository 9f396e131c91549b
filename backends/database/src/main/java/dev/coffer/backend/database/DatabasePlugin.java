package dev.coffer.backend.database;

import dev.coffer.spi.Plugin;
import dev.coffer.spi.SecretsEngineFactory;
import dev.coffer.spi.SpiVersion;
import java.util.List;

/** The {@code database} secrets engine (PostgreSQL), built in. */
public final class DatabasePlugin implements Plugin {
  @Override
  public String name() {
    return "database";
  }

  @Override
  public int spiVersion() {
    return SpiVersion.MAJOR;
  }

  @Override
  public List<SecretsEngineFactory> secretsEngines() {
    return List.of(new DatabaseEngineFactory());
  }
}
