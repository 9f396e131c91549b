package dev.coffer.backend.database;

import dev.coffer.spi.CofferException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The operator's SQL statements: reading them from a request field, splitting them into single
 * statements and filling in {@code {{name}}}, {@code {{username}}}, {@code {{password}}} and {@code
 * {{expiration}}}.
 *
 * <p>Statements are split before they are templated, so a value can never add a statement; the
 * password is put in with its single quotes doubled, so it stays one string literal.
 */
final class SqlStatements {
  /** How {@code {{expiration}}} is written, e.g. {@code 2026-01-01 00:00:00+0000}. */
  static final DateTimeFormatter EXPIRATION =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssxx").withZone(ZoneOffset.UTC);

  private SqlStatements() {}

  /**
   * A statements field as Vault accepts it: a list of strings, or one string (plain or base64) of
   * {@code ;}-separated statements. {@code null} if the field is absent.
   */
  static List<String> fromField(String field, Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof List<?> list) {
      List<String> out = new ArrayList<>();
      for (Object o : list) {
        if (!(o instanceof String s)) {
          throw CofferException.invalid(field + " must be a list of strings or a string");
        }
        if (!s.isBlank()) {
          out.add(decodeBase64(s));
        }
      }
      return List.copyOf(out);
    }
    if (value instanceof String s) {
      return s.isBlank() ? List.of() : List.of(decodeBase64(s));
    }
    throw CofferException.invalid(field + " must be a list of strings or a string");
  }

  /** The statements in {@code statements}, each split at {@code ;} outside quotes and comments. */
  static List<String> split(List<String> statements) {
    List<String> out = new ArrayList<>();
    for (String s : statements) {
      out.addAll(split(s));
    }
    return out;
  }

  /** One text split at {@code ;} outside quotes, dollar quotes and comments; blanks dropped. */
  static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      int end = i + 1;
      if (c == '\'' || c == '"') {
        end = closing(text, i + 1, c);
      } else if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
        int nl = text.indexOf('\n', i);
        end = nl < 0 ? n : nl;
      } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        int close = text.indexOf("*/", i + 2);
        end = close < 0 ? n : close + 2;
      } else if (c == '$') {
        int tagEnd = dollarTagEnd(text, i);
        if (tagEnd > 0) {
          String tag = text.substring(i, tagEnd + 1);
          int close = text.indexOf(tag, tagEnd + 1);
          end = close < 0 ? n : close + tag.length();
        }
      } else if (c == ';') {
        addIfNotBlank(out, current);
        current.setLength(0);
        i++;
        continue;
      }
      current.append(text, i, end);
      i = end;
    }
    addIfNotBlank(out, current);
    return out;
  }

  /** {@code statement} with each {@code {{key}}} replaced; see the class comment on quoting. */
  static String template(String statement, Map<String, String> values) {
    String out = statement;
    for (Map.Entry<String, String> e : values.entrySet()) {
      String v = e.getKey().equals("password") ? e.getValue().replace("'", "''") : e.getValue();
      out = out.replace("{{" + e.getKey() + "}}", v);
    }
    return out;
  }

  /** The values for a user's statements; {@code name} and {@code username} are the same. */
  static Map<String, String> values(String username, String password, Instant expiration) {
    java.util.LinkedHashMap<String, String> m = new java.util.LinkedHashMap<>();
    m.put("name", username);
    m.put("username", username);
    if (password != null) {
      m.put("password", password);
    }
    if (expiration != null) {
      m.put("expiration", EXPIRATION.format(expiration));
    }
    return m;
  }

  private static int closing(String text, int from, char quote) {
    int i = from;
    while (i < text.length()) {
      if (text.charAt(i) == quote) {
        if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return text.length();
  }

  /** The index of the closing {@code $} of a dollar-quote tag starting at {@code i}, or -1. */
  private static int dollarTagEnd(String text, int i) {
    for (int j = i + 1; j < text.length(); j++) {
      char c = text.charAt(j);
      if (c == '$') {
        return j;
      }
      if (!(Character.isLetterOrDigit(c) || c == '_') || (j == i + 1 && Character.isDigit(c))) {
        return -1;
      }
    }
    return -1;
  }

  private static void addIfNotBlank(List<String> out, StringBuilder s) {
    String t = s.toString().trim();
    if (!t.isEmpty()) {
      out.add(t);
    }
  }

  /** Vault accepts base64-encoded statements; plain SQL never decodes (it has spaces). */
  private static String decodeBase64(String s) {
    try {
      byte[] bytes = Base64.getDecoder().decode(s.trim());
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      return text.isBlank() || !text.strip().contains(" ") ? s : text;
    } catch (IllegalArgumentException | CharacterCodingException e) {
      return s;
    }
  }
}
