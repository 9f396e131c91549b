package dev.coffer.server.testplugins;

import dev.coffer.spi.Plugin;
import dev.coffer.spi.SpiVersion;

/** Declares its SPI version but provides nothing. */
public final class NothingPlugin implements Plugin {
  @Override
  public int spiVersion() {
    return SpiVersion.MAJOR;
  }
}
