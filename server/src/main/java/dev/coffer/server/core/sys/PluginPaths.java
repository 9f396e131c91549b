package dev.coffer.server.core.sys;

import dev.coffer.server.core.PluginRegistry;
import dev.coffer.server.core.PluginRegistry.LoadedPlugin;
import dev.coffer.spi.AuditSinkFactory;
import dev.coffer.spi.AuthMethodFactory;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Plugin;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import dev.coffer.spi.SealFactory;
import dev.coffer.spi.SecretsEngineFactory;
import dev.coffer.spi.SpiVersion;
import dev.coffer.spi.StorageBackendFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET sys/plugins}: the loaded plugins, each with its name, source ({@code builtin} or the
 * jar it came from), version, the SPI version it was built against, and the types it provides per
 * kind ({@code secret}, {@code storage}, {@code seal}, {@code audit}).
 */
final class PluginPaths {
  private final PluginRegistry registry;

  PluginPaths(PluginRegistry registry) {
    this.registry = registry;
  }

  List<PathSpec> paths() {
    return List.of(
        PathSpec.builder("plugins")
            .on(Operation.READ, this::list)
            .description("lists the loaded plugins and the types they provide")
            .build());
  }

  private Response list(Request r) {
    List<Map<String, Object>> plugins = new ArrayList<>();
    for (LoadedPlugin p : registry.loaded()) {
      plugins.add(describe(p));
    }
    return Response.of(Map.of("plugins", plugins));
  }

  private static Map<String, Object> describe(LoadedPlugin loaded) {
    Plugin p = loaded.plugin();
    Map<String, Object> types = new LinkedHashMap<>();
    types.put("secret", p.secretsEngines().stream().map(SecretsEngineFactory::type).toList());
    types.put("storage", p.storageBackends().stream().map(StorageBackendFactory::type).toList());
    types.put("seal", p.seals().stream().map(SealFactory::type).toList());
    types.put("audit", p.auditSinks().stream().map(AuditSinkFactory::type).toList());
    types.put("auth", p.authMethods().stream().map(AuthMethodFactory::type).toList());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", p.name());
    m.put("source", loaded.source());
    m.put("version", loaded.version());
    // Built-in plugins are compiled with the server, so they run its SPI whatever they declare.
    m.put("spi_version", loaded.isBuiltin() ? SpiVersion.MAJOR : p.spiVersion());
    m.put("types", types);
    return m;
  }
}
