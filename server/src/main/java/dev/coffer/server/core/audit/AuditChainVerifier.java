package dev.coffer.server.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the hash chain of audit files written by one device (see {@link AuditChain}), given in
 * order, oldest first. Reports the first line where the chain breaks:
 *
 * <ul>
 *   <li>a line that is not a chained JSON entry (edited by hand, or truncated);
 *   <li>a gap in {@code seq}: lines deleted before that line;
 *   <li>{@code seq} out of order: lines swapped, moved or duplicated;
 *   <li>{@code prev_hash} of line N not the hash of line N-1: line N-1 was edited;
 *   <li>a file that does not start with a chain header (its first lines are missing), or a chain
 *       start whose {@code prev_hash} is not the genesis hash.
 * </ul>
 *
 * <p>A file that starts with a {@code rotated} or {@code reopened} header continues an earlier
 * file; if that file is not given, the link to it cannot be checked and the result says so. An edit
 * of the very last line, or lines cut from the end, leave no trace in the file itself.
 */
public final class AuditChainVerifier {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AuditChainVerifier() {}

  /**
   * The outcome of a verification.
   *
   * @param intact whether the chain is unbroken
   * @param entries how many lines were checked
   * @param file the file of the first broken line, or {@code null}
   * @param line the number (from 1) of the first broken line in {@code file}, or 0
   * @param message what is wrong, or a summary with notes when intact
   */
  public record Result(boolean intact, long entries, Path file, long line, String message) {}

  private record Line(Path file, long number, String hash, JsonNode json) {
    long seq() {
      return json.get("seq").asLong();
    }

    String prevHash() {
      return json.get("prev_hash").asText();
    }

    boolean header() {
      return AuditChain.HEADER_TYPE.equals(json.path("type").asText());
    }

    String where() {
      return file.getFileName() + " line " + number;
    }
  }

  /**
   * Verifies these files, oldest first, as one chain.
   *
   * @throws IOException if a file cannot be read
   */
  public static Result verify(List<Path> files) throws IOException {
    List<String> notes = new ArrayList<>();
    Line previous = null;
    long count = 0;
    for (Path file : files) {
      List<Line> lines = new ArrayList<>();
      Result bad = read(file, lines);
      if (bad != null) {
        return new Result(false, count, bad.file(), bad.line(), bad.message());
      }
      if (lines.isEmpty()) {
        notes.add(file.getFileName() + " is empty");
        continue;
      }
      for (int i = 0; i < lines.size(); i++) {
        Line line = lines.get(i);
        String problem =
            i == 0
                ? checkFirst(line, previous, notes)
                : checkPair(lines.get(i - 1), line, lines.subList(i + 1, lines.size()));
        if (problem != null) {
          Line at = problem.startsWith("@prev:") ? previous : line;
          return new Result(
              false, count, at.file(), at.number(), at.where() + ": " + strip(problem));
        }
        previous = line;
        count++;
      }
    }
    String summary = count + " entries in " + files.size() + " file(s), chain intact";
    if (!notes.isEmpty()) {
      summary += " (" + String.join("; ", notes) + ")";
    }
    return new Result(true, count, null, 0, summary);
  }

  private static String strip(String problem) {
    return problem.startsWith("@prev:") ? problem.substring("@prev:".length()) : problem;
  }

  /** Reads and parses every line; a line that is not a chained entry is a failure. */
  private static Result read(Path file, List<Line> out) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      long number = 0;
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      int b;
      boolean pending = false;
      while (true) {
        b = in.read();
        if (b == -1 || b == '\n') {
          if (b == -1 && !pending) {
            break;
          }
          number++;
          byte[] bytes = buf.toByteArray();
          buf.reset();
          pending = false;
          Line line = parse(file, number, bytes);
          if (line == null) {
            String why =
                b == -1 ? "is cut off (no line break): it was truncated" : "is not a chained entry";
            return new Result(
                false,
                0,
                file,
                number,
                file.getFileName()
                    + " line "
                    + number
                    + ": the line "
                    + why
                    + " (edited by hand or truncated)");
          }
          out.add(line);
          if (b == -1) {
            break;
          }
        } else {
          buf.write(b);
          pending = true;
        }
      }
    }
    return null;
  }

  private static Line parse(Path file, long number, byte[] bytes) {
    try {
      JsonNode node = JSON.readTree(bytes);
      if (node == null
          || !node.isObject()
          || !node.path("seq").canConvertToLong()
          || !node.path("seq").isIntegralNumber()
          || !node.path("prev_hash").isTextual()) {
        return null;
      }
      return new Line(file, number, AuditChain.sha256Hex(bytes), node);
    } catch (IOException e) {
      return null;
    }
  }

  private static String checkFirst(Line line, Line previous, List<String> notes) {
    if (!line.header()) {
      return "the file does not start with a chain header: its first lines are missing";
    }
    String reason = line.json().path("reason").asText();
    if (AuditChain.REASON_START.equals(reason)) {
      String saltId = line.json().path("salt_id").asText();
      if (!line.prevHash().equals(AuditChain.genesisHash(saltId)) || line.seq() != 1) {
        return "the chain start does not match the genesis hash of salt id " + saltId;
      }
      if (previous != null) {
        notes.add(line.where() + " starts a new chain");
      }
      return null;
    }
    if (previous == null) {
      String from = line.json().path("previous_file").asText("");
      notes.add(
          line.file().getFileName()
              + " continues "
              + (from.isEmpty() ? "an earlier file" : from)
              + ", which was not given: that link was not checked");
      return null;
    }
    return checkPair(previous, line, List.of());
  }

  /**
   * The problem between two consecutive lines, if any; {@code later} is searched for moved lines.
   */
  private static String checkPair(Line before, Line line, List<Line> later) {
    long expected = before.seq() + 1;
    if (line.seq() > expected) {
      for (Line l : later) {
        if (l.seq() == expected) {
          return "the line is out of order: entry seq "
              + expected
              + ", expected here, is at "
              + l.where()
              + " (lines were reordered)";
        }
      }
      return "entries seq "
          + expected
          + (line.seq() - 1 > expected ? " to " + (line.seq() - 1) : "")
          + " are missing before this line (lines were deleted)";
    }
    if (line.seq() < expected) {
      return "the line is out of order or repeated: seq "
          + line.seq()
          + " follows seq "
          + before.seq()
          + " (lines were reordered or duplicated)";
    }
    if (!line.prevHash().equals(before.hash())) {
      return "@prev:the line was edited: its hash does not match the prev_hash recorded in "
          + line.where();
    }
    return null;
  }
}
