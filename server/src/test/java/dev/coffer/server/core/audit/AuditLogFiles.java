package dev.coffer.server.core.audit;

import dev.coffer.server.core.audit.sink.AuditPlugin;
import dev.coffer.spi.AuditSinkFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes real audit files through a device and edits them, for the chain tests. */
final class AuditLogFiles {
  private AuditLogFiles() {}

  static AuditSinkFactory fileFactory() {
    return new AuditPlugin()
        .auditSinks().stream().filter(f -> f.type().equals("file")).findFirst().orElseThrow();
  }

  static AuditDevice fileDevice(Path file, Map<String, String> extra) {
    Map<String, String> options = new java.util.TreeMap<>(extra);
    options.put("file_path", file.toString());
    AuditDeviceConfig config =
        new AuditDeviceConfig("file/", "file", "", options, AuditHasherTest.salt(9));
    return new AuditDevice(config, fileFactory(), Clock.systemUTC());
  }

  /** Writes {@code n} small entries; returns the device (still open). */
  static AuditDevice writeEntries(AuditDevice device, int n) {
    for (int i = 0; i < n; i++) {
      if (!device.write(Map.of("type", "request", "n", i))) {
        throw new AssertionError("write failed: " + device.failure());
      }
    }
    return device;
  }

  static List<String> lines(Path file) throws IOException {
    return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  static void write(Path file, List<String> lines) throws IOException {
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }
}
