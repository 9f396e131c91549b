package dev.coffer.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads the YAML configuration file into flat keys ({@code listener.address}, {@code storage.path},
 * ...), rejecting unknown keys and values of the wrong shape. Values are checked later by {@link
 * CofferConfig.Builder#build()}.
 */
final class YamlConfigReader {
  private static final Set<String> SECTIONS =
      Set.of("listener", "storage", "seal", "lease", "killswitch");
  private static final Set<String> LISTENER_KEYS =
      Set.of("address", "tls_cert_file", "tls_key_file", "max_request_size");
  private static final Set<String> TOP_LEVEL_SCALARS =
      Set.of(CofferConfig.LOG_LEVEL, CofferConfig.PLUGIN_DIRECTORY);

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private YamlConfigReader() {}

  /**
   * The flat keys of {@code file}; an empty file yields no keys.
   *
   * @throws ConfigException for a missing or unreadable file, bad YAML (with its line), an unknown
   *     key or a value of the wrong shape
   */
  static Map<String, String> read(Path file) {
    JsonNode root;
    try (InputStream in = Files.newInputStream(file)) {
      root = YAML.readTree(in);
    } catch (NoSuchFileException e) {
      throw new ConfigException("configuration file not found: " + file);
    } catch (JsonProcessingException e) {
      throw new ConfigException(parseError(file, e));
    } catch (IOException e) {
      throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
    }
    Map<String, String> flat = new LinkedHashMap<>();
    if (root == null || root.isMissingNode() || root.isNull()) {
      return flat;
    }
    if (!root.isObject()) {
      throw new ConfigException(
          "invalid configuration file " + file + ": expected a mapping of keys at the top level");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      if (SECTIONS.contains(key)) {
        readSection(key, e.getValue(), flat);
      } else if (TOP_LEVEL_SCALARS.contains(key)) {
        putScalar(key, e.getValue(), flat);
      } else {
        throw ConfigException.unknownKey(key);
      }
    }
    return flat;
  }

  private static void readSection(String section, JsonNode node, Map<String, String> flat) {
    if (node == null || node.isNull()) {
      return;
    }
    if (!node.isObject()) {
      throw ConfigException.invalid(section, "expected a mapping of keys");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = section + "." + e.getKey();
      if (section.equals("listener") && !LISTENER_KEYS.contains(e.getKey())) {
        throw ConfigException.unknownKey(key);
      }
      if (section.equals("killswitch")) {
        if (!e.getKey().equals("heartbeat")) {
          throw ConfigException.unknownKey(key);
        }
        readSection(key, e.getValue(), flat);
        continue;
      }
      putScalar(key, e.getValue(), flat);
    }
  }

  private static void putScalar(String key, JsonNode value, Map<String, String> flat) {
    if (value == null || value.isNull()) {
      return;
    }
    if (!value.isValueNode()) {
      throw ConfigException.invalid(key, "expected a single value, not a list or mapping");
    }
    flat.put(key, value.asText());
  }

  /** File and line, plus the parser's problem but never the offending text (it may be secret). */
  private static String parseError(Path file, JsonProcessingException e) {
    StringBuilder m = new StringBuilder("invalid YAML in configuration file ").append(file);
    JsonLocation loc = e.getLocation();
    if (loc != null && loc.getLineNr() > 0) {
      m.append(" at line ").append(loc.getLineNr()).append(", column ").append(loc.getColumnNr());
    }
    String problem = problem(e);
    if (problem != null) {
      m.append(": ").append(problem);
    }
    return m.toString();
  }

  private static String problem(JsonProcessingException e) {
    if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked) {
      return marked.getProblem();
    }
    String original = e.getOriginalMessage();
    if (original != null && original.startsWith("Duplicate field")) {
      return "duplicate key";
    }
    return null;
  }
}
