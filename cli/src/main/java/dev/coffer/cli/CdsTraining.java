package dev.coffer.cli;

import dev.coffer.server.CofferServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The training run behind {@code coffer cds-archive}: the JVM runs it with {@code
 * -XX:ArchiveClassesAtExit}, so every class it loads goes into the class data sharing archive that
 * later starts map instead of loading and verifying each class from the jars.
 *
 * <p>It starts what users start, the way they start it, and serves a first request of each kind: a
 * server from a YAML file on a new SQLite file with a static seal (initialise, mount KV v2, write,
 * read), the same server again over that data (auto-unseal, read), and a dev server in memory
 * (health, write, read). Everything listens on a free loopback port and is closed before the JVM
 * exits.
 */
final class CdsTraining {
  private static final Pattern ROOT_TOKEN = Pattern.compile("\"root_token\"\\s*:\\s*\"([^\"]+)\"");

  private CdsTraining() {}

  /** {@code args[0]}: an empty working folder for the training server's files. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: CdsTraining WORK_DIR");
      System.exit(2);
    }
    Path work = Path.of(args[0]);
    // The launcher's entry point, which this run does not go through: archived too.
    CofferMain.class.getName();
    Path config = work.resolve("coffer.yaml");
    Files.writeString(
        config,
        "listener:\n  address: 127.0.0.1:0\n"
            + "storage:\n  type: sqlite\n  path: "
            + work.resolve("coffer.db")
            + "\nseal:\n  type: static\n  key_path: "
            + work.resolve("seal.key")
            + "\n  generate: true\n");

    String root;
    try (CofferServer server = start("server", "-config", config.toString())) {
      String base = server.address() + "/v1/";
      Matcher m = ROOT_TOKEN.matcher(call("PUT", base + "sys/init", null, "{}"));
      if (!m.find()) {
        throw new IllegalStateException("the training server gave no root token");
      }
      root = m.group(1);
      call("GET", base + "sys/health", null, null);
      call(
          "POST",
          base + "sys/mounts/secret",
          root,
          "{\"type\":\"kv\",\"options\":{\"version\":\"2\"}}");
      kv(base, root);
    }
    try (CofferServer again = start("server", "-config", config.toString())) {
      String base = again.address() + "/v1/";
      call("GET", base + "secret/data/training", root, null);
      call("GET", base + "sys/health", null, null);
    }
    try (CofferServer dev =
        start("server", "-dev", "-dev-listen-address=127.0.0.1:0", "-dev-root-token-id=training")) {
      String base = dev.address() + "/v1/";
      call("GET", base + "sys/health", null, null);
      kv(base, "training");
    }
    System.exit(0);
  }

  private static CofferServer start(String... args) {
    CliContext quiet =
        new CliContext(
            Map.of(),
            new ByteArrayInputStream(new byte[0]),
            new PrintWriter(new StringWriter()),
            new PrintWriter(System.err, true, StandardCharsets.UTF_8),
            null,
            () -> null);
    ServerCommand command = ServerArgs.parse(quiet, args);
    if (command == null) {
      throw new IllegalStateException(
          "training arguments not understood: " + String.join(" ", args));
    }
    return command.start();
  }

  private static void kv(String base, String token) throws IOException {
    call("POST", base + "secret/data/training", token, "{\"data\":{\"password\":\"training\"}}");
    call("GET", base + "secret/data/training", token, null);
    call("GET", base + "secret/metadata/?list=true", token, null);
  }

  /** One request; fails unless the answer is 2xx. */
  private static String call(String method, String url, String token, String body)
      throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
    c.setRequestMethod(method);
    if (token != null) {
      c.setRequestProperty("X-Vault-Token", token);
    }
    if (body != null) {
      c.setDoOutput(true);
      c.setRequestProperty("Content-Type", "application/json");
      try (OutputStream out = c.getOutputStream()) {
        out.write(body.getBytes(StandardCharsets.UTF_8));
      }
    }
    int status = c.getResponseCode();
    InputStream in = status / 100 == 2 ? c.getInputStream() : c.getErrorStream();
    String answer = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    if (status / 100 != 2) {
      throw new IllegalStateException(method + " " + url + " answered " + status + ": " + answer);
    }
    return answer;
  }
}
