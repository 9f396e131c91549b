package dev.coffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.server.core.audit.AuditChain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditVerifyCommandTest {
  @TempDir Path dir;
  private Path file;
  private List<String> lines;

  @BeforeEach
  void writeAChain() throws IOException {
    lines = chain(6);
    file = dir.resolve("audit.log");
    write(file, lines);
  }

  @Test
  void anIntactFilePassesWithExitZeroAndACount() {
    CliRun r = verify(file);
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("OK: 6 entries in 1 file(s), chain intact");
  }

  @Test
  void anEditedLineFailsWithExitOneNamingTheLine() throws IOException {
    lines.set(2, lines.get(2).replace("\"n\":3", "\"n\":30"));
    write(file, lines);
    CliRun r = verify(file);
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("FAILED: audit.log line 3: the line was edited");
  }

  @Test
  void aSwappedPairFailsAtTheFirstOfThem() throws IOException {
    Collections.swap(lines, 3, 4);
    write(file, lines);
    CliRun r = verify(file);
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("audit.log line 4: the line is out of order");
  }

  @Test
  void aMissingFileIsAnErrorWithExitTwo() {
    CliRun r = verify(dir.resolve("nope.log"));
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("is not a readable file");
  }

  private CliRun verify(Path f) {
    return CliRun.run(Map.of(), "", dir, "audit", "verify", f.toString());
  }

  /** A header and {@code n - 1} entries chained as the server writes them. */
  private static List<String> chain(int n) {
    List<String> out = new ArrayList<>();
    String saltId = "0123456789abcdef";
    String prev = AuditChain.genesisHash(saltId);
    for (int i = 1; i <= n; i++) {
      String line =
          i == 1
              ? "{\"type\":\"audit_chain\",\"salt_id\":\""
                  + saltId
                  + "\",\"reason\":\"start\",\"seq\":1,\"prev_hash\":\""
                  + prev
                  + "\"}"
              : "{\"type\":\"request\",\"n\":"
                  + i
                  + ",\"seq\":"
                  + i
                  + ",\"prev_hash\":\""
                  + prev
                  + "\"}";
      out.add(line);
      prev = AuditChain.sha256Hex(line.getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  private static void write(Path f, List<String> lines) throws IOException {
    Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }
}
