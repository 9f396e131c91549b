package dev.coffer.server.core.audit;

import static dev.coffer.server.core.audit.AuditLogFiles.fileDevice;
import static dev.coffer.server.core.audit.AuditLogFiles.lines;
import static dev.coffer.server.core.audit.AuditLogFiles.writeEntries;
import static dev.coffer.server.core.audit.FileSinkPathCheck.sleepPastPathCheck;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRotationTest {
  @TempDir Path dir;

  @Test
  void rotationStartsNewFilesWhoseHeadersChainToThePreviousFile() throws IOException {
    Path file = dir.resolve("audit.log");
    try (AuditDevice d = writeEntries(fileDevice(file, Map.of("rotate_bytes", "600")), 20)) {
      assertThat(d.failure()).isEmpty();
    }
    List<Path> files = filesOldestFirst(file);
    assertThat(files).hasSizeGreaterThan(2);

    AuditChainVerifier.Result all = AuditChainVerifier.verify(files);
    assertThat(all.intact()).as(all.message()).isTrue();

    String firstOfNewest = lines(file).get(0);
    String previous = files.get(files.size() - 2).getFileName().toString();
    assertThat(firstOfNewest)
        .contains("\"reason\":\"rotated\"", "\"previous_file\":\"" + previous + "\"");

    AuditChainVerifier.Result alone = AuditChainVerifier.verify(List.of(file));
    assertThat(alone.intact()).isTrue();
    assertThat(alone.message()).contains("continues " + previous, "not checked");
  }

  @Test
  void aFileMissingFromTheMiddleOfTheSequenceBreaksTheChain() throws IOException {
    Path file = dir.resolve("audit.log");
    writeEntries(fileDevice(file, Map.of("rotate_bytes", "600")), 20).close();
    List<Path> files = filesOldestFirst(file);
    files.remove(1);

    AuditChainVerifier.Result r = AuditChainVerifier.verify(files);
    assertThat(r.intact()).isFalse();
    assertThat(r.file()).isEqualTo(files.get(1));
    assertThat(r.line()).isEqualTo(1);
    assertThat(r.message()).contains("missing");
  }

  @Test
  void rotateKeepDeletesTheOldestRotatedFiles() throws IOException {
    Path file = dir.resolve("audit.log");
    writeEntries(fileDevice(file, Map.of("rotate_bytes", "400", "rotate_keep", "2")), 30).close();
    assertThat(filesOldestFirst(file)).hasSize(3);
  }

  @Test
  void aFileDeletedUnderTheDeviceIsReopenedWithAHeaderThatContinuesTheChain() throws IOException {
    Path file = dir.resolve("audit.log");
    try (AuditDevice d = writeEntries(fileDevice(file, Map.of()), 3)) {
      Path moved = dir.resolve("moved.log");
      Files.move(file, moved);
      sleepPastPathCheck();
      writeEntries(d, 2);
      assertThat(lines(file).get(0)).contains("\"reason\":\"reopened\"");
      AuditChainVerifier.Result r = AuditChainVerifier.verify(List.of(moved, file));
      assertThat(r.intact()).as(r.message()).isTrue();
      assertThat(r.entries()).isEqualTo(4 + 3);
    }
  }

  /** The rotated files (names sort by time) and then the current file. */
  static List<Path> filesOldestFirst(Path file) throws IOException {
    List<Path> rotated;
    try (Stream<Path> s = Files.list(file.getParent())) {
      rotated =
          new ArrayList<>(
              s.filter(p -> p.getFileName().toString().startsWith("audit.log.")).sorted().toList());
    }
    rotated.add(file);
    return rotated;
  }
}
