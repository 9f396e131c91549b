package dev.coffer.examples.envfile;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses the text of a {@code .env} file into its {@code KEY=VALUE} pairs, in file order.
 *
 * <ul>
 *   <li>blank lines and lines starting with {@code #} are skipped; {@code export KEY=...} is
 *       accepted;
 *   <li>{@code KEY=value}: the value is trimmed, and ends at a {@code " #"} comment;
 *   <li>{@code KEY='value'}: taken literally;
 *   <li>{@code KEY="value"}: {@code \n}, {@code \t}, {@code \"} and {@code \\} are unescaped.
 * </ul>
 *
 * A line that is none of these fails the read naming the file and the line number, never its
 * content (it may be a secret).
 */
final class DotEnv {
  private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

  private DotEnv() {}

  static Map<String, Object> parse(String fileName, String text) {
    Map<String, Object> pairs = new LinkedHashMap<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("export ")) {
        line = line.substring("export ".length()).stripLeading();
      }
      int eq = line.indexOf('=');
      String key = eq < 0 ? "" : line.substring(0, eq).strip();
      if (!KEY.matcher(key).matches()) {
        throw malformed(fileName, i + 1);
      }
      pairs.put(key, value(line.substring(eq + 1).strip(), fileName, i + 1));
    }
    return pairs;
  }

  private static String value(String raw, String fileName, int lineNumber) {
    if (raw.startsWith("'")) {
      if (raw.length() < 2 || !raw.endsWith("'")) {
        throw malformed(fileName, lineNumber);
      }
      return raw.substring(1, raw.length() - 1);
    }
    if (raw.startsWith("\"")) {
      if (raw.length() < 2 || !raw.endsWith("\"")) {
        throw malformed(fileName, lineNumber);
      }
      return unescape(raw.substring(1, raw.length() - 1));
    }
    int comment = raw.indexOf(" #");
    return comment < 0 ? raw : raw.substring(0, comment).stripTrailing();
  }

  private static String unescape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        b.append(
            switch (n) {
              case 'n' -> '\n';
              case 't' -> '\t';
              case 'r' -> '\r';
              default -> n;
            });
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static CofferException malformed(String fileName, int lineNumber) {
    return new CofferException(
        ErrorCode.INTERNAL, "env file '" + fileName + "' line " + lineNumber + " is not KEY=VALUE");
  }
}
