package dev.coffer.server.core;

import dev.coffer.server.core.seal.ShamirSealFactory;
import dev.coffer.server.core.seal.StaticSealFactory;
import dev.coffer.spi.Plugin;
import dev.coffer.spi.SealFactory;
import java.util.List;

/**
 * The server's built-in plugin: the {@code shamir} and {@code static} seals. Registered in {@code
 * META-INF/services/dev.coffer.spi.Plugin} and found by {@link java.util.ServiceLoader} like any
 * other plugin.
 */
public final class CorePlugin implements Plugin {
  @Override
  public String name() {
    return "core";
  }

  @Override
  public List<SealFactory> seals() {
    return List.of(new ShamirSealFactory(), new StaticSealFactory());
  }
}
