package dev.coffer.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.server.it.VaultApi.Answer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A file audit device enabled over HTTP, and its entries read back from the file. */
final class AuditFile {
  private final Path file;

  private AuditFile(Path file) {
    this.file = file;
  }

  /** Enables the device {@code file/} writing to {@code file}. */
  static AuditFile enable(VaultApi root, Path file) {
    Answer a =
        root.put(
            "sys/audit/file", "{\"type\":\"file\",\"options\":{\"file_path\":\"" + file + "\"}}");
    assertThat(a.status()).as(a.raw()).isIn(200, 204);
    return new AuditFile(file);
  }

  /** The {@code warning} objects of the warning entries of {@code kind}, in order. */
  List<JsonNode> warnings(String kind) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode e : entries()) {
      if ("warning".equals(e.path("type").asText())
          && kind.equals(e.path("warning").path("kind").asText())) {
        out.add(e.get("warning"));
      }
    }
    return out;
  }

  /** The whole file as text. */
  String text() {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<JsonNode> entries() {
    List<JsonNode> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file)) {
        if (!line.isBlank()) {
          out.add(VaultApi.JSON.readTree(line));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
