package dev.coffer.server;

import dev.coffer.config.CofferConfig;
import dev.coffer.config.ConfigException;
import dev.coffer.server.core.Core;
import dev.coffer.server.core.token.TokenIds;
import java.io.IOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * Dev mode, as Vault's {@code -dev}: an initialised, unsealed server with KV v2 at {@code secret/}
 * and a known root token. In memory with a random static seal key by default; with a data
 * directory, SQLite at {@code DIR/coffer.db} and a static seal key generated into {@code
 * DIR/seal.key}, so data survives restarts.
 */
public final class DevMode {
  /** The KV mount dev mode creates. */
  public static final String KV_MOUNT = "secret/";

  static final String DB_FILE = "coffer.db";
  static final String SEAL_KEY_FILE = "seal.key";
  private static final SecureRandom RANDOM = new SecureRandom();

  private DevMode() {}

  /**
   * The configuration dev mode runs with.
   *
   * @throws StartupException if the data directory cannot be created or the address is invalid
   */
  public static CofferConfig config(DevOptions options) {
    CofferConfig.Builder b = CofferConfig.builder();
    try {
      b.listenerAddress(options.listenAddress());
      if (options.dataDir() == null) {
        b.storage("inmem", Map.of());
        b.seal("static", Map.of("key", HexFormat.of().formatHex(randomBytes(32))));
      } else {
        Files.createDirectories(options.dataDir());
        b.storage("sqlite", Map.of("path", options.dataDir().resolve(DB_FILE).toString()));
        b.seal(
            "static",
            Map.of(
                "key_path",
                options.dataDir().resolve(SEAL_KEY_FILE).toString(),
                "generate",
                "true"));
      }
      return b.build();
    } catch (ConfigException e) {
      throw new StartupException(
          e.getMessage().replace("'listener.address'", "'--dev-listen-address'"), e);
    } catch (IOException e) {
      throw new StartupException(
          "invalid value for '--dev-data-dir': cannot create " + options.dataDir(), e);
    }
  }

  /**
   * Initialises a fresh core (one key share, KV v2 at {@code secret/}) and makes sure the root
   * token exists. On a restart over existing data nothing is re-initialised.
   *
   * @return the root token id to show in the banner
   */
  static String prepare(Core core, DevOptions options) {
    String rootToken = options.rootTokenId() != null ? options.rootTokenId() : randomRootTokenId();
    if (!core.initialized()) {
      core.initialize(1, 1);
      core.enableMount(KV_MOUNT, "kv", Map.of("version", "2"), "key/value secret storage");
    }
    if (core.sealed()) {
      throw new IllegalStateException("the server is still sealed after start-up");
    }
    core.createRootToken(rootToken);
    return rootToken;
  }

  /** A fresh root token id in the same recognisable format as every other token. */
  public static String randomRootTokenId() {
    return TokenIds.newTokenId();
  }

  /** The text printed after a dev server starts, as Vault prints it. */
  public static String banner(String address, String rootToken, DevOptions options) {
    String storage =
        options.dataDir() == null
            ? "runs entirely in memory (nothing survives a restart)"
            : "keeps its data and its seal key in " + options.dataDir();
    return String.join(
        "\n",
        "WARNING! dev mode is enabled! In this mode, Coffer " + storage,
        "and starts unsealed with KV version 2 mounted at secret/.",
        "",
        "You may need to set the following environment variables:",
        "",
        "    $ export COFFER_ADDR='" + address + "'",
        "    $ export VAULT_ADDR='" + address + "'",
        "",
        "The root token is shown below; use it with COFFER_TOKEN or VAULT_TOKEN:",
        "",
        "    $ export COFFER_TOKEN='" + rootToken + "'",
        "",
        "Root Token: " + rootToken,
        "",
        "Try it:",
        "",
        "    $ curl -H \"X-Vault-Token: "
            + rootToken
            + "\" -X POST -d '{\"data\":{\"foo\":\"bar\"}}' "
            + address
            + "/v1/secret/data/hello",
        "    $ coffer kv put secret/hello foo=bar",
        "    $ coffer kv get secret/hello",
        "",
        "Development mode should NOT be used in production installations!",
        "");
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }
}
