package dev.coffer.examples.envfile;

import dev.coffer.spi.SecretsEngineFactory;
import dev.coffer.spi.testkit.SecretsEngineContract;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The testkit's engine contract, over an empty folder. */
class EnvFileEngineContractTest extends SecretsEngineContract {
  @TempDir Path folder;

  @Override
  protected SecretsEngineFactory factory() {
    return new EnvFileEngineFactory();
  }

  @Override
  protected Map<String, String> options() {
    return Map.of(EnvFileEngineFactory.DIRECTORY, folder.toString());
  }
}
