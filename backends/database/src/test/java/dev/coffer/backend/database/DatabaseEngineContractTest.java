package dev.coffer.backend.database;

import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.SecretsEngineFactory;
import dev.coffer.spi.testkit.SecretsEngineContract;

class DatabaseEngineContractTest extends SecretsEngineContract {
  @Override
  protected SecretsEngineFactory factory() {
    return new DatabaseEngineFactory();
  }

  /** As in Vault, reading credentials of an unknown role is a 400 ("unknown role: x"). */
  @Override
  protected ErrorCode missingDataError(String pattern) {
    return pattern.equals("creds/{name}") || pattern.equals("static-creds/{name}")
        ? ErrorCode.INVALID_REQUEST
        : ErrorCode.NOT_FOUND;
  }
}
