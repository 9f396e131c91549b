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
 * as in Vault) or {@code "2"}; anything else is refused with a 400 naming the option.
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
    String version = context.options().getOrDefault(VERSION_OPTION, "1");
    List<PathSpec> paths =
        switch (version.trim()) {
          case "", "1" -> new KvV1Paths(context.storage()).paths();
          case "2" -> v2Paths(context);
          default ->
              throw CofferException.invalid(
                  "invalid value for option \"" + VERSION_OPTION + "\": must be 1 or 2");
        };
    return new KvEngine(paths);
  }

  private static List<PathSpec> v2Paths(MountContext context) {
    KvStore store = new KvStore(context.storage());
    List<PathSpec> paths = new ArrayList<>();
    paths.addAll(new KvConfigPaths(store).paths());
    paths.addAll(new KvDataPaths(store, context.clock()).paths());
    paths.addAll(new KvMetadataPaths(store, context.clock()).paths());
    paths.addAll(new KvVersionOpsPaths(store, context.clock()).paths());
    paths.addAll(new KvSubkeysPaths(store, context.clock()).paths());
    return List.copyOf(paths);
  }

  /** A mounted KV engine: nothing but its table of paths. */
  private record KvEngine(List<PathSpec> paths) implements SecretsEngine {}
}
