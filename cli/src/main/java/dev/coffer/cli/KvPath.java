package dev.coffer.cli;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A KV path split into its mount and the path inside it, with the mount's KV version, found as the
 * vault CLI finds them: {@code GET sys/internal/ui/mounts/<path>}. If the server cannot answer that
 * (404/405), the first segment (or {@code -mount}) is taken as a KV v2 mount.
 *
 * @param mount the mount path with a trailing {@code /}, e.g. {@code secret/}
 * @param path the path inside the mount, without leading {@code /}
 * @param version 1 or 2
 */
record KvPath(String mount, String path, int version) {

  /** Resolves {@code arg} ({@code secret/app}) or, with {@code mountFlag}, {@code mount + arg}. */
  static KvPath resolve(CofferClient client, String mountFlag, String arg) {
    String cleaned = trimSlashes(arg == null ? "" : arg);
    if (mountFlag != null && !mountFlag.isBlank()) {
      String mount = trimSlashes(mountFlag) + "/";
      Preflight p = preflight(client, mount);
      return new KvPath(mount, cleaned, p == null ? 2 : p.version());
    }
    if (cleaned.isEmpty()) {
      throw new CliException("a path is required, e.g. secret/app or -mount=secret app");
    }
    Preflight p = preflight(client, cleaned);
    String mount;
    if (p != null && !p.mount().isEmpty() && (cleaned + "/").startsWith(p.mount())) {
      mount = p.mount();
    } else {
      int slash = cleaned.indexOf('/');
      mount = (slash < 0 ? cleaned : cleaned.substring(0, slash)) + "/";
    }
    String inside = cleaned.length() >= mount.length() ? cleaned.substring(mount.length()) : "";
    return new KvPath(mount, inside, p == null ? 2 : p.version());
  }

  /** The API path for a KV v2 endpoint, e.g. {@code secret/data/app} for {@code data}. */
  String v2(String endpoint) {
    return mount + endpoint + (path.isEmpty() ? "" : "/" + path);
  }

  /** The API path for a KV v1 secret, e.g. {@code kv/app}. */
  String v1() {
    return mount + path;
  }

  /** The API path of the secret's data for this version. */
  String data() {
    return version == 2 ? v2("data") : v1();
  }

  /** Fails for commands KV v1 lacks. */
  void requireV2(String command) {
    if (version != 2) {
      throw new CliException(command + " is only supported on KV version 2 (mount " + mount + ")");
    }
  }

  private record Preflight(String mount, int version) {}

  private static Preflight preflight(CofferClient client, String path) {
    ApiResponse r = client.get("sys/internal/ui/mounts/" + path);
    if (r.status() == 404 || r.status() == 405 || r.status() == 501) {
      return null;
    }
    r.orThrow();
    JsonNode data = r.data();
    String mount = data.path("path").asText("");
    if (!mount.isEmpty() && !mount.endsWith("/")) {
      mount = mount + "/";
    }
    String type = data.path("type").asText("kv");
    if (!type.equals("kv") && !type.equals("generic") && !mount.isEmpty()) {
      throw new CliException("mount " + mount + " is not a KV mount (type " + type + ")");
    }
    int version = "2".equals(data.path("options").path("version").asText("1")) ? 2 : 1;
    return new Preflight(mount, version);
  }

  private static String trimSlashes(String s) {
    String t = s.trim();
    while (t.startsWith("/")) {
      t = t.substring(1);
    }
    while (t.endsWith("/")) {
      t = t.substring(0, t.length() - 1);
    }
    return t;
  }
}
