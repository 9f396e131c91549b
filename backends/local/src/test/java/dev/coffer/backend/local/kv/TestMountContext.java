package dev.coffer.backend.local.kv;

import dev.coffer.spi.MountContext;
import dev.coffer.spi.Storage;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** A mount as the server would describe it, for unit tests. */
record TestMountContext(
    String mountPath, String type, Map<String, String> options, Storage storage, Clock clock)
    implements MountContext {

  @Override
  public System.Logger logger() {
    return System.getLogger("coffer.test." + mountPath);
  }

  @Override
  public Duration defaultLeaseTtl() {
    return Duration.ofDays(32);
  }

  @Override
  public Duration maxLeaseTtl() {
    return Duration.ofDays(32);
  }
}
