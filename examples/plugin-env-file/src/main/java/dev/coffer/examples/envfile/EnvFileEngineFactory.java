package dev.coffer.examples.envfile;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.ConfigMap;
import dev.coffer.spi.MountContext;
import dev.coffer.spi.SecretsEngine;
import dev.coffer.spi.SecretsEngineFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Creates an {@code env-file} engine. The one mount option, {@code directory}, is the host folder
 * whose {@code .env} files the mount serves:
 *
 * <pre>
 * vault secrets enable -path=env -options=directory=/etc/myapp/env env-file
 * </pre>
 */
public final class EnvFileEngineFactory implements SecretsEngineFactory {
  /** The engine type. */
  public static final String TYPE = "env-file";

  /** The mount option naming the folder of {@code .env} files. */
  public static final String DIRECTORY = "directory";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public SecretsEngine create(MountContext context) {
    try {
      ConfigMap options = ConfigMap.of("options", context.options(), Set.of(DIRECTORY));
      Path directory = Path.of(options.required(DIRECTORY));
      if (!Files.isDirectory(directory)) {
        throw CofferException.invalid(
            "invalid value for 'options.directory': not a directory: " + directory);
      }
      return new EnvFileEngine(new EnvFileDirectory(directory.toRealPath()));
    } catch (InvalidPathException e) {
      throw CofferException.invalid("invalid value for 'options.directory': " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw CofferException.invalid(e.getMessage());
    } catch (IOException e) {
      throw CofferException.invalid(
          "invalid value for 'options.directory': cannot open " + e.getMessage());
    }
  }
}
