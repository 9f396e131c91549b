package dev.coffer.examples.envfile;

import dev.coffer.spi.Plugin;
import dev.coffer.spi.testkit.PluginContract;

/** The testkit's plugin contract: registered, SPI version declared, provides env-file. */
class EnvFilePluginContractTest extends PluginContract {
  @Override
  protected Plugin plugin() {
    return new EnvFilePlugin();
  }
}
