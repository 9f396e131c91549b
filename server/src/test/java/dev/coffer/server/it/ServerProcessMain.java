package dev.coffer.server.it;

import dev.coffer.server.CofferServer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs a SQLite-backed, statically sealed server in its own JVM for {@link KillDuringWritesTest}.
 * Arguments: the data folder. Initialises it on first start (root token in {@code root-token}),
 * then prints {@code READY <port>} and serves until killed.
 */
public final class ServerProcessMain {
  private ServerProcessMain() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    CofferServer server =
        TestServers.sqliteWithStaticSeal(dir.resolve("coffer.db"), dir.resolve("seal.key"));
    Path tokenFile = dir.resolve("root-token");
    if (!Files.exists(tokenFile)) {
      VaultApi anonymous = TestServers.api(server, null);
      String token = anonymous.put("sys/init", "{}").body().get("root_token").asText();
      anonymous
          .withToken(token)
          .post("sys/mounts/secret", "{\"type\":\"kv\",\"options\":{\"version\":\"2\"}}");
      Files.writeString(tokenFile, token);
    }
    System.out.println("READY " + server.port());
    System.out.flush();
    Thread.currentThread().join();
  }
}
