package dev.coffer.server.core.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the JSON form of a policy ({@code {"path": {"secret/*": {"capabilities": ["read"]}}}}) into
 * the same syntax tree as HCL, keeping every value's line and column, with Jackson's streaming
 * parser.
 */
final class JsonPolicyReader {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final int MAX_DEPTH = 32;

  private JsonPolicyReader() {}

  /**
   * The top-level object of {@code text}.
   *
   * @throws PolicyParseException on malformed JSON, a top level that is not an object, or {@code
   *     null} values
   */
  static HclNode.Block read(String text) {
    try (JsonParser p = FACTORY.createParser(text)) {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw error(p.currentTokenLocation(), "a JSON policy must be an object");
      }
      HclNode.Block root = object(p, 0);
      JsonToken extra = p.nextToken();
      if (extra != null) {
        throw error(p.currentTokenLocation(), "unexpected content after the policy object");
      }
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new PolicyParseException(
          at == null ? 1 : Math.max(1, at.getLineNr()),
          at == null ? 1 : Math.max(1, at.getColumnNr()),
          "invalid JSON: " + firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new PolicyParseException(1, 1, "invalid JSON");
    }
  }

  /** The object whose START_OBJECT is the current token. */
  private static HclNode.Block object(JsonParser p, int depth) throws IOException {
    JsonLocation start = p.currentTokenLocation();
    if (depth > MAX_DEPTH) {
      throw error(start, "nesting is too deep");
    }
    List<HclNode.Entry> entries = new ArrayList<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      JsonLocation keyAt = p.currentTokenLocation();
      String key = p.currentName();
      p.nextToken();
      HclNode value = value(p, depth + 1);
      entries.add(new HclNode.Entry(key, value, line(keyAt), column(keyAt)));
    }
    return new HclNode.Block(List.copyOf(entries), line(start), column(start));
  }

  private static HclNode value(JsonParser p, int depth) throws IOException {
    JsonLocation at = p.currentTokenLocation();
    JsonToken t = p.currentToken();
    if (t == null) {
      throw error(at, "unexpected end of input");
    }
    switch (t) {
      case START_OBJECT:
        return object(p, depth);
      case START_ARRAY:
        if (depth > MAX_DEPTH) {
          throw error(at, "nesting is too deep");
        }
        List<HclNode> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(value(p, depth + 1));
        }
        return new HclNode.Items(List.copyOf(items), line(at), column(at));
      case VALUE_STRING:
        return new HclNode.Text(p.getText(), line(at), column(at));
      case VALUE_NUMBER_INT:
        Number n;
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          n = p.getDoubleValue();
        } else {
          n = p.getLongValue();
        }
        return new HclNode.Num(n, line(at), column(at));
      case VALUE_NUMBER_FLOAT:
        return new HclNode.Num(p.getDoubleValue(), line(at), column(at));
      case VALUE_TRUE:
        return new HclNode.Bool(true, line(at), column(at));
      case VALUE_FALSE:
        return new HclNode.Bool(false, line(at), column(at));
      default:
        throw error(at, "null is not a valid policy value");
    }
  }

  private static PolicyParseException error(JsonLocation at, String detail) {
    return new PolicyParseException(line(at), column(at), detail);
  }

  private static int line(JsonLocation at) {
    return Math.max(1, at.getLineNr());
  }

  private static int column(JsonLocation at) {
    return Math.max(1, at.getColumnNr());
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "malformed";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
