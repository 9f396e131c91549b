package dev.coffer.server.testplugins;

import dev.coffer.spi.MountContext;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Response;
import dev.coffer.spi.SecretsEngine;
import dev.coffer.spi.SecretsEngineFactory;
import java.util.List;
import java.util.Map;

/** An engine of any type name that answers every read with its path. */
public final class EchoEngineFactory implements SecretsEngineFactory {
  private final String type;

  public EchoEngineFactory(String type) {
    this.type = type;
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public SecretsEngine create(MountContext context) {
    return () ->
        List.of(
            PathSpec.builder("{path:*}")
                .on(Operation.READ, r -> Response.of(Map.of("path", r.path())))
                .build());
  }
}
