package dev.coffer.server;

import dev.coffer.server.core.CorePlugin;
import dev.coffer.server.core.PluginRegistry;
import dev.coffer.spi.Seal;
import dev.coffer.spi.testkit.SealContract;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** The testkit's seal contract against the built-in {@code static} seal. */
class StaticSealContractTest extends SealContract {
  @Override
  protected Seal newSeal() {
    return PluginRegistry.of(List.of(new CorePlugin()))
        .seal("static")
        .create(Map.of("key", HexFormat.of().formatHex(random(32))));
  }
}
