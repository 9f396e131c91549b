package dev.coffer.server.testplugins.leasing;

import dev.coffer.spi.MountContext;
import dev.coffer.spi.Plugin;
import dev.coffer.spi.SecretsEngine;
import dev.coffer.spi.SecretsEngineFactory;
import dev.coffer.spi.SpiVersion;
import java.util.List;

/** A test plugin with the {@code leasing} engine, which hands out leased test credentials. */
public final class LeasingPlugin implements Plugin {
  @Override
  public String name() {
    return "leasing-test";
  }

  @Override
  public int spiVersion() {
    return SpiVersion.MAJOR;
  }

  @Override
  public List<SecretsEngineFactory> secretsEngines() {
    return List.of(
        new SecretsEngineFactory() {
          @Override
          public String type() {
            return "leasing";
          }

          @Override
          public SecretsEngine create(MountContext context) {
            return new LeasingEngine(context);
          }
        });
  }
}
