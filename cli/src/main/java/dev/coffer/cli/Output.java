package dev.coffer.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Prints answers as the vault CLI does: aligned {@code Key/Value} tables, or indented JSON. */
public final class Output {
  private Output() {}

  /** Indented like Go's {@code json.MarshalIndent}, as the vault CLI prints. */
  private static final DefaultPrettyPrinter PRETTY =
      new DefaultPrettyPrinter()
          .withSeparators(
              Separators.createDefaultInstance()
                  .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                  .withObjectEmptySeparator("")
                  .withArrayEmptySeparator(""));

  static {
    PRETTY.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
  }

  /** Pretty JSON, two-space indent, one trailing newline. */
  public static void json(PrintWriter out, JsonNode node) {
    try {
      out.println(CofferClient.JSON.writer(PRETTY).writeValueAsString(node));
    } catch (JsonProcessingException e) {
      throw new CliException("cannot print JSON");
    }
    out.flush();
  }

  /** A {@code Key/Value} table of the fields of {@code object}, in their order. */
  public static void table(PrintWriter out, JsonNode object) {
    List<String[]> rows = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      rows.add(new String[] {e.getKey(), value(e.getValue())});
    }
    rows(out, "Key", "Value", rows);
  }

  /** A two-column table with a header and a {@code ---} line under it. */
  public static void rows(PrintWriter out, String left, String right, List<String[]> rows) {
    int width = left.length();
    for (String[] r : rows) {
      width = Math.max(width, r[0].length());
    }
    out.println(pad(left, width) + "    " + right);
    out.println(pad("-".repeat(left.length()), width) + "    " + "-".repeat(right.length()));
    for (String[] r : rows) {
      out.println(pad(r[0], width) + "    " + r[1]);
    }
    out.flush();
  }

  /** A section title, as {@code ====== Title ======}. */
  public static void header(PrintWriter out, String title) {
    out.println("====== " + title + " ======");
  }

  /**
   * A value for a table cell: text as is ({@code n/a} when empty), {@code <nil>} for null, JSON for
   * the rest.
   */
  public static String value(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return "<nil>";
    }
    if (v.isValueNode()) {
      return v.asText().isEmpty() ? "n/a" : v.asText();
    }
    return v.toString();
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }
}
