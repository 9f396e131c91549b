package dev.coffer.spi.testkit;

import dev.coffer.spi.Plugin;
import dev.coffer.spi.SecretsEngineFactory;
import dev.coffer.spi.SpiVersion;
import java.util.List;

/** Runs the plugin contract against a plugin registered in this module's test resources. */
class SamplePluginContractTest extends PluginContract {

  @Override
  protected Plugin plugin() {
    return new SamplePlugin();
  }

  /** Provides the notes engine; registered in META-INF/services for the test. */
  public static final class SamplePlugin implements Plugin {
    @Override
    public int spiVersion() {
      return SpiVersion.MAJOR;
    }

    @Override
    public List<SecretsEngineFactory> secretsEngines() {
      return List.of(new NotesEngineContractTest.NotesFactory());
    }
  }
}
