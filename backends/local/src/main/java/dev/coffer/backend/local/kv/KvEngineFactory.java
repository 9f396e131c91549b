package dev.coffer.backend.local.kv;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.MountContext;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.SecretsEngine;
import dev.coffer.spi.SecretsEngineFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code kv} engine type. Mount option {@code version}: {@code "1"} (the default when absent,
 * as in Vault) or {@code "2"}; anything else is refused with a 400 naming the option. The rotation
 * options ({@link RotationSettings}) set leased reads and rotators for the mount's secrets.
 */
public final class KvEngineFactory implements SecretsEngineFactory {
  /** The type name used when mounting. */
  public static final String TYPE = "kv";

  /** The mount option that picks the KV version. */
  public static final String VERSION_OPTION = "version";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public SecretsEngine create(MountContext context) {
    String version = context.options().getOrDefault(VERSION_OPTION, "1").trim();
    RotationSettings defaults = RotationSettings.ofMount(context.options());
    Rotator rotator = new Rotator(context);
    return switch (version) {
      case "", "1" -> v1(context, defaults, rotator);
      case "2" -> v2(context, defaults, rotator);
      default ->
          throw CofferException.invalid(
              "invalid value for option \"" + VERSION_OPTION + "\": must be 1 or 2");
    };
  }

  private static KvEngine v1(MountContext context, RotationSettings defaults, Rotator rotator) {
    if (!defaults.period().isZero()) {
      throw CofferException.invalid(
          "option \"" + RotationSettings.PERIOD + "\" needs a KV version 2 mount");
    }
    KvRotations rotations = new KvV1Rotations(context.storage(), defaults, rotator);
    List<PathSpec> paths = new ArrayList<>(new KvV1Paths(context.storage(), defaults).paths());
    if (defaults.hasRotator()) {
      // Only a mount with a rotator reserves rotate/ among its secrets' paths.
      paths.addAll(new KvRotatePaths(rotations).paths());
    }
    return new KvEngine(paths, rotations);
  }

  private static KvEngine v2(MountContext context, RotationSettings defaults, Rotator rotator) {
    RotationSchedule schedule = new RotationSchedule(defaults);
    KvStore store = new KvStore(context.storage(), schedule);
    KvRotations rotations =
        new KvV2Rotations(store, context.clock(), defaults, schedule, rotator, context.logger());
    List<PathSpec> paths = new ArrayList<>();
    paths.addAll(new KvConfigPaths(store).paths());
    paths.addAll(new KvDataPaths(store, context.clock(), defaults).paths());
    paths.addAll(new KvMetadataPaths(store, context.clock(), defaults).paths());
    paths.addAll(new KvVersionOpsPaths(store, context.clock()).paths());
    paths.addAll(new KvSubkeysPaths(store, context.clock()).paths());
    paths.addAll(new KvRotatePaths(rotations).paths());
    return new KvEngine(paths, rotations);
  }
}
