package dev.coffer.backend.database;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.MountContext;
import dev.coffer.spi.SecretsEngine;
import dev.coffer.spi.SecretsEngineFactory;

/** The {@code database} engine type. It takes no mount options. */
public final class DatabaseEngineFactory implements SecretsEngineFactory {
  /** The type name used when mounting. */
  public static final String TYPE = "database";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public SecretsEngine create(MountContext context) {
    if (!context.options().isEmpty()) {
      throw CofferException.invalid(
          "the database engine takes no options (got \""
              + context.options().keySet().iterator().next()
              + "\")");
    }
    return new DatabaseEngine(context);
  }
}
