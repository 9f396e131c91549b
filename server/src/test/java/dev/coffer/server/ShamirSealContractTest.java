package dev.coffer.server;

import dev.coffer.server.core.CorePlugin;
import dev.coffer.server.core.PluginRegistry;
import dev.coffer.spi.Seal;
import dev.coffer.spi.testkit.SealContract;
import java.util.List;
import java.util.Map;

/** The testkit's seal contract against the built-in {@code shamir} seal. */
class ShamirSealContractTest extends SealContract {
  @Override
  protected Seal newSeal() {
    return PluginRegistry.of(List.of(new CorePlugin())).seal("shamir").create(Map.of());
  }
}
