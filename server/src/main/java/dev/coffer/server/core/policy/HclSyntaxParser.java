package dev.coffer.server.core.policy;

import dev.coffer.server.core.policy.HclLexer.Kind;
import dev.coffer.server.core.policy.HclLexer.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the syntax tree of policy HCL (the HCL 1 subset Vault policies use):
 *
 * <pre>
 * body   := entry*
 * entry  := key ( ('=' | ':') value | label* '{' body '}' ) ','?
 * key    := IDENT | STRING          label := STRING | IDENT
 * value  := STRING | NUMBER | true | false | '[' (value ','?)* ']' | '{' body '}'
 * </pre>
 *
 * A labelled block {@code path "a" { ... }} becomes the entry {@code path = { "a" = { ... } }}, as
 * HCL 1 and Vault's JSON form both express it.
 */
final class HclSyntaxParser {
  private static final int MAX_DEPTH = 32;

  private final List<Token> tokens;
  private int pos;

  private HclSyntaxParser(List<Token> tokens) {
    this.tokens = tokens;
  }

  /**
   * The top-level body of {@code text}.
   *
   * @throws PolicyParseException naming the line and column of the first error
   */
  static HclNode.Block parse(String text) {
    HclSyntaxParser p = new HclSyntaxParser(HclLexer.tokenize(text));
    HclNode.Block body = p.body(1, 1, 0, Kind.EOF);
    return body;
  }

  private HclNode.Block body(int line, int column, int depth, Kind end) {
    if (depth > MAX_DEPTH) {
      throw new PolicyParseException(line, column, "nesting is too deep");
    }
    List<HclNode.Entry> entries = new ArrayList<>();
    while (true) {
      Token t = peek();
      if (t.kind() == end) {
        pos++;
        return new HclNode.Block(List.copyOf(entries), line, column);
      }
      if (t.kind() == Kind.EOF) {
        throw error(t, "expected '}' to close the block opened at line " + line);
      }
      entries.add(entry(depth));
      if (peek().kind() == Kind.COMMA) {
        pos++;
      }
    }
  }

  private HclNode.Entry entry(int depth) {
    Token key = next();
    if (key.kind() != Kind.IDENT && key.kind() != Kind.STRING) {
      throw error(key, "expected a key but found " + key.describe());
    }
    Token t = peek();
    if (t.kind() == Kind.EQUALS || t.kind() == Kind.COLON) {
      pos++;
      return new HclNode.Entry(key.text(), value(depth), key.line(), key.column());
    }
    if (t.kind() == Kind.LBRACE || t.kind() == Kind.STRING) {
      return new HclNode.Entry(key.text(), labelledBlock(depth), key.line(), key.column());
    }
    throw error(t, "expected '=' after '" + key.text() + "'");
  }

  /** {@code "label" "label2" { body }} or {@code { body }}, labels nesting as objects. */
  private HclNode labelledBlock(int depth) {
    Token t = next();
    if (t.kind() == Kind.LBRACE) {
      return body(t.line(), t.column(), depth + 1, Kind.RBRACE);
    }
    if (t.kind() != Kind.STRING) {
      throw error(t, "expected '{' but found " + t.describe());
    }
    HclNode inner = labelledBlock(depth + 1);
    return new HclNode.Block(
        List.of(new HclNode.Entry(t.text(), inner, t.line(), t.column())), t.line(), t.column());
  }

  private HclNode value(int depth) {
    if (depth > MAX_DEPTH) {
      Token t = peek();
      throw error(t, "nesting is too deep");
    }
    Token t = next();
    switch (t.kind()) {
      case STRING:
        return new HclNode.Text(t.text(), t.line(), t.column());
      case NUMBER:
        return new HclNode.Num(number(t.text()), t.line(), t.column());
      case IDENT:
        if (t.text().equals("true") || t.text().equals("false")) {
          return new HclNode.Bool(Boolean.parseBoolean(t.text()), t.line(), t.column());
        }
        throw error(t, "expected a value but found '" + t.text() + "' (strings need quotes)");
      case LBRACKET:
        return list(t, depth);
      case LBRACE:
        return body(t.line(), t.column(), depth + 1, Kind.RBRACE);
      default:
        throw error(t, "expected a value but found " + t.describe());
    }
  }

  private HclNode list(Token open, int depth) {
    List<HclNode> items = new ArrayList<>();
    while (true) {
      Token t = peek();
      if (t.kind() == Kind.RBRACKET) {
        pos++;
        return new HclNode.Items(List.copyOf(items), open.line(), open.column());
      }
      if (t.kind() == Kind.EOF) {
        throw error(t, "expected ']' to close the list opened at line " + open.line());
      }
      items.add(value(depth + 1));
      Token after = peek();
      if (after.kind() == Kind.COMMA) {
        pos++;
      } else if (after.kind() != Kind.RBRACKET) {
        throw error(after, "expected ',' or ']' in list but found " + after.describe());
      }
    }
  }

  private static Number number(String text) {
    if (text.matches("-?\\d+")) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        return Double.parseDouble(text);
      }
    }
    return Double.parseDouble(text);
  }

  private Token peek() {
    return tokens.get(pos);
  }

  private Token next() {
    Token t = tokens.get(pos);
    if (t.kind() != Kind.EOF) {
      pos++;
    }
    return t;
  }

  private static PolicyParseException error(Token at, String detail) {
    return new PolicyParseException(at.line(), at.column(), detail);
  }
}
