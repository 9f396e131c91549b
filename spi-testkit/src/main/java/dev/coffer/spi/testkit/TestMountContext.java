package dev.coffer.spi.testkit;

import dev.coffer.spi.MountContext;
import dev.coffer.spi.Storage;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * A {@link MountContext} for unit tests of secrets engines: fresh {@link InMemoryStorage}, the
 * system clock and Vault's default TTLs (32 days) unless given.
 *
 * @param mountPath where the engine is mounted, with a trailing {@code /}
 * @param type the engine type
 * @param options the mount options
 * @param storage the engine's storage
 * @param clock the clock
 * @param defaultLeaseTtl the default lease TTL
 * @param maxLeaseTtl the maximum lease TTL
 */
public record TestMountContext(
    String mountPath,
    String type,
    Map<String, String> options,
    Storage storage,
    Clock clock,
    Duration defaultLeaseTtl,
    Duration maxLeaseTtl)
    implements MountContext {

  /** Vault's default for both TTLs: 32 days. */
  public static final Duration DEFAULT_TTL = Duration.ofDays(32);

  public TestMountContext {
    mountPath = mountPath.endsWith("/") ? mountPath : mountPath + "/";
    options = Map.copyOf(options);
  }

  /** A context with these options, fresh in-memory storage, the system clock, default TTLs. */
  public static TestMountContext of(String mountPath, String type, Map<String, String> options) {
    return new TestMountContext(
        mountPath,
        type,
        options,
        new InMemoryStorage(),
        Clock.systemUTC(),
        DEFAULT_TTL,
        DEFAULT_TTL);
  }

  @Override
  public System.Logger logger() {
    return System.getLogger("coffer.mount." + mountPath);
  }
}
