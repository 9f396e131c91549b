package dev.coffer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the data of {@code kv put/patch}: {@code key=value}, {@code key=@file} (the file's
 * content), {@code key=-} (stdin), or a single {@code -} for a JSON object on stdin. Error messages
 * never echo a value.
 */
final class KvData {
  private KvData() {}

  static Map<String, Object> parse(List<String> args, CliContext ctx) {
    if (args == null || args.isEmpty()) {
      throw new CliException(
          "no data given: pass key=value pairs, key=@file, or - for JSON on stdin");
    }
    if (args.size() == 1 && args.get(0).equals("-")) {
      return stdinObject(ctx);
    }
    Map<String, Object> data = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        throw new CliException(
            "invalid key/value pair (argument "
                + (args.indexOf(arg) + 1)
                + "): expected key=value");
      }
      String key = arg.substring(0, eq);
      String value = arg.substring(eq + 1);
      if (value.startsWith("@")) {
        value = readFile(key, value.substring(1));
      } else if (value.equals("-")) {
        value = stdin(ctx);
      }
      data.put(key, value);
    }
    return data;
  }

  private static Map<String, Object> stdinObject(CliContext ctx) {
    String text = stdin(ctx);
    JsonNode node;
    try {
      node = CofferClient.JSON.readTree(text);
    } catch (IOException e) {
      throw new CliException("stdin is not valid JSON");
    }
    if (node == null || !node.isObject()) {
      throw new CliException("stdin must hold a JSON object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = CofferClient.JSON.convertValue(node, Map.class);
    return map;
  }

  private static String stdin(CliContext ctx) {
    try {
      return ctx.readStdin();
    } catch (IOException e) {
      throw new CliException("cannot read stdin");
    }
  }

  private static String readFile(String key, String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException | RuntimeException e) {
      throw new CliException("cannot read the file for '" + key + "': " + file);
    }
  }
}
