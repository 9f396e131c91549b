package dev.coffer.server;

import dev.coffer.backend.local.kv.KvEngineFactory;
import dev.coffer.spi.SecretsEngineFactory;
import dev.coffer.spi.testkit.SecretsEngineContract;
import java.util.Map;

/** The testkit's secrets engine contract against the built-in {@code kv} engine, version 2. */
class KvV2EngineContractTest extends SecretsEngineContract {
  @Override
  protected SecretsEngineFactory factory() {
    return new KvEngineFactory();
  }

  @Override
  protected Map<String, String> options() {
    return Map.of("version", "2");
  }
}
