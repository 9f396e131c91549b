package dev.coffer.server.core.audit;

import static dev.coffer.server.core.audit.AuditLogFiles.fileDevice;
import static dev.coffer.server.core.audit.AuditLogFiles.lines;
import static dev.coffer.server.core.audit.AuditLogFiles.write;
import static dev.coffer.server.core.audit.AuditLogFiles.writeEntries;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditChainVerifierTest {
  @TempDir Path dir;
  private Path file;

  @BeforeEach
  void writeTenEntries() {
    file = dir.resolve("audit.log");
    try (AuditDevice d = writeEntries(fileDevice(file, Map.of()), 10)) {
      assertThat(d.failure()).isEmpty();
    }
  }

  @Test
  void anIntactFilePassesWithTheNumberOfLines() throws IOException {
    AuditChainVerifier.Result r = verify();
    assertThat(r.intact()).as(r.message()).isTrue();
    assertThat(r.entries()).isEqualTo(11); // header + 10 entries
    assertThat(r.message()).contains("11 entries", "chain intact");
  }

  @Test
  void theFirstLineIsAHeaderChainedToTheGenesisHashOfTheSaltId() throws IOException {
    String first = lines(file).get(0);
    String saltId = AuditChain.saltId(AuditHasherTest.salt(9));
    assertThat(first)
        .contains("\"type\":\"audit_chain\"", "\"reason\":\"start\"", "\"seq\":1")
        .contains("\"salt_id\":\"" + saltId + "\"")
        .contains("\"prev_hash\":\"" + AuditChain.genesisHash(saltId) + "\"");
  }

  @Test
  void anEditedLineIsReportedAtThatLine() throws IOException {
    List<String> lines = lines(file);
    lines.set(4, lines.get(4).replace("\"n\":3", "\"n\":33"));
    write(file, lines);

    AuditChainVerifier.Result r = verify();
    assertThat(r.intact()).isFalse();
    assertThat(r.line()).isEqualTo(5);
    assertThat(r.message()).contains("line 5", "edited");
  }

  @Test
  void aDeletedLineIsReportedWhereItIsMissing() throws IOException {
    List<String> lines = lines(file);
    lines.remove(6);
    write(file, lines);

    AuditChainVerifier.Result r = verify();
    assertThat(r.intact()).isFalse();
    assertThat(r.line()).isEqualTo(7);
    assertThat(r.message()).contains("line 7", "seq 7 are missing", "deleted");
  }

  @Test
  void twoSwappedLinesAreReportedAtTheFirstOfThem() throws IOException {
    List<String> lines = lines(file);
    Collections.swap(lines, 3, 4);
    write(file, lines);

    AuditChainVerifier.Result r = verify();
    assertThat(r.intact()).isFalse();
    assertThat(r.line()).isEqualTo(4);
    assertThat(r.message()).contains("line 4", "out of order", "line 5", "reordered");
  }

  @Test
  void aTruncatedLastLineIsReported() throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 20));

    AuditChainVerifier.Result r = verify();
    assertThat(r.intact()).isFalse();
    assertThat(r.line()).isEqualTo(11);
    assertThat(r.message()).contains("line 11", "truncated");
  }

  @Test
  void missingFirstLinesAreReportedAtLineOne() throws IOException {
    List<String> lines = lines(file);
    lines.remove(0);
    write(file, lines);

    AuditChainVerifier.Result r = verify();
    assertThat(r.intact()).isFalse();
    assertThat(r.line()).isEqualTo(1);
    assertThat(r.message()).contains("line 1", "first lines are missing");
  }

  @Test
  void aLineThatIsNotJsonIsReported() throws IOException {
    List<String> lines = lines(file);
    lines.add(2, "hello");
    write(file, lines);

    AuditChainVerifier.Result r = verify();
    assertThat(r.intact()).isFalse();
    assertThat(r.line()).isEqualTo(3);
  }

  @Test
  void theChainResumesFromTheLastLineWhenTheDeviceOpensAgain() throws IOException {
    try (AuditDevice again = writeEntries(fileDevice(file, Map.of()), 3)) {
      assertThat(again.failure()).isEmpty();
    }
    List<String> lines = lines(file);
    assertThat(lines).hasSize(14);
    assertThat(lines.get(13)).contains("\"seq\":14");
    assertThat(verify().intact()).as(verify().message()).isTrue();
  }

  @Test
  void aPartialLineLeftByACrashIsReportedAndNewEntriesStartOnTheirOwnLine() throws IOException {
    Files.writeString(
        file, "{\"type\":\"requ", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    try (AuditDevice again = writeEntries(fileDevice(file, Map.of()), 1)) {
      assertThat(again.failure()).isEmpty();
    }
    List<String> lines = lines(file);
    assertThat(lines.get(11)).isEqualTo("{\"type\":\"requ");
    assertThat(lines.get(12)).contains("\"type\":\"request\"", "\"n\":0");
    AuditChainVerifier.Result r = verify();
    assertThat(r.intact()).isFalse();
    assertThat(r.line()).isEqualTo(12);
  }

  @Test
  void concurrentWritersStillProduceOneUnbrokenChain() throws Exception {
    try (AuditDevice d = fileDevice(file, Map.of())) {
      List<Thread> threads = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Thread thread = new Thread(() -> writeEntries(d, 50));
        thread.start();
        threads.add(thread);
      }
      for (Thread t : threads) {
        t.join();
      }
    }
    AuditChainVerifier.Result r = verify();
    assertThat(r.intact()).as(r.message()).isTrue();
    assertThat(r.entries()).isEqualTo(11 + 200);
  }

  private AuditChainVerifier.Result verify() throws IOException {
    return AuditChainVerifier.verify(List.of(file));
  }
}
