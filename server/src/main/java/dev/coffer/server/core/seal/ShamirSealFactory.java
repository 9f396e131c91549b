package dev.coffer.server.core.seal;

import dev.coffer.spi.ConfigMap;
import dev.coffer.spi.Seal;
import dev.coffer.spi.SealFactory;
import java.util.Map;
import java.util.Set;

/** Creates the {@code shamir} seal; it takes no configuration. */
public final class ShamirSealFactory implements SealFactory {
  @Override
  public String type() {
    return ShamirSeal.TYPE;
  }

  @Override
  public Seal create(Map<String, String> config) {
    ConfigMap.of("seal", config, Set.of());
    return new ShamirSeal();
  }
}
