package dev.coffer.server.core.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits policy HCL into tokens with their positions. Knows strings with escapes, identifiers,
 * numbers, the punctuation {@code { } [ ] = , :} and the comments {@code #}, {@code //} and {@code
 * /* *}{@code /}. Heredocs and interpolation are not part of the policy language and are rejected.
 */
final class HclLexer {
  /** Token kinds. */
  enum Kind {
    STRING,
    IDENT,
    NUMBER,
    LBRACE,
    RBRACE,
    LBRACKET,
    RBRACKET,
    EQUALS,
    COLON,
    COMMA,
    EOF
  }

  /** One token: for STRING the unescaped text, otherwise the text as written. */
  record Token(Kind kind, String text, int line, int column) {
    /** How the token is named in an error message. */
    String describe() {
      return switch (kind) {
        case EOF -> "end of input";
        case STRING -> "a string";
        case NUMBER -> "number " + text;
        default -> "'" + text + "'";
      };
    }
  }

  private final String src;
  private int pos;
  private int line = 1;
  private int col = 1;

  private HclLexer(String src) {
    this.src = src;
  }

  /**
   * The tokens of {@code text}, ending with an EOF token.
   *
   * @throws PolicyParseException on a character that starts no token, an unterminated string or
   *     comment, or a bad escape
   */
  static List<Token> tokenize(String text) {
    return new HclLexer(text).run();
  }

  private List<Token> run() {
    List<Token> tokens = new ArrayList<>();
    while (true) {
      skipBlanksAndComments();
      if (pos >= src.length()) {
        tokens.add(new Token(Kind.EOF, "", line, col));
        return tokens;
      }
      tokens.add(next());
    }
  }

  private Token next() {
    char c = src.charAt(pos);
    int l = line;
    int k = col;
    switch (c) {
      case '{':
        advance();
        return new Token(Kind.LBRACE, "{", l, k);
      case '}':
        advance();
        return new Token(Kind.RBRACE, "}", l, k);
      case '[':
        advance();
        return new Token(Kind.LBRACKET, "[", l, k);
      case ']':
        advance();
        return new Token(Kind.RBRACKET, "]", l, k);
      case '=':
        advance();
        return new Token(Kind.EQUALS, "=", l, k);
      case ':':
        advance();
        return new Token(Kind.COLON, ":", l, k);
      case ',':
        advance();
        return new Token(Kind.COMMA, ",", l, k);
      case '"':
        return string();
      default:
        break;
    }
    if (c == '-' || Character.isDigit(c)) {
      return number();
    }
    if (Character.isLetter(c) || c == '_') {
      int start = pos;
      while (pos < src.length() && isIdentPart(src.charAt(pos))) {
        advance();
      }
      return new Token(Kind.IDENT, src.substring(start, pos), l, k);
    }
    if (c == '<' && src.startsWith("<<", pos)) {
      throw new PolicyParseException(l, k, "heredoc strings are not supported in policies");
    }
    throw new PolicyParseException(l, k, "unexpected character " + printable(c));
  }

  private Token number() {
    int l = line;
    int k = col;
    int start = pos;
    if (src.charAt(pos) == '-') {
      advance();
    }
    int digits = pos;
    while (pos < src.length()
        && (Character.isDigit(src.charAt(pos))
            || src.charAt(pos) == '.'
            || src.charAt(pos) == 'e'
            || src.charAt(pos) == 'E'
            || ((src.charAt(pos) == '+' || src.charAt(pos) == '-')
                && (src.charAt(pos - 1) == 'e' || src.charAt(pos - 1) == 'E')))) {
      advance();
    }
    String text = src.substring(start, pos);
    if (pos == digits || !text.matches("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?")) {
      throw new PolicyParseException(l, k, "invalid number '" + text + "'");
    }
    return new Token(Kind.NUMBER, text, l, k);
  }

  private Token string() {
    int l = line;
    int k = col;
    advance();
    StringBuilder b = new StringBuilder();
    while (true) {
      if (pos >= src.length() || src.charAt(pos) == '\n') {
        throw new PolicyParseException(l, k, "unterminated string");
      }
      char c = src.charAt(pos);
      if (c == '"') {
        advance();
        return new Token(Kind.STRING, b.toString(), l, k);
      }
      if (c == '\\') {
        b.append(escape());
        continue;
      }
      b.append(c);
      advance();
    }
  }

  private String escape() {
    int l = line;
    int k = col;
    advance();
    if (pos >= src.length()) {
      throw new PolicyParseException(l, k, "unterminated string");
    }
    char e = src.charAt(pos);
    advance();
    switch (e) {
      case '"':
        return "\"";
      case '\\':
        return "\\";
      case '/':
        return "/";
      case 'n':
        return "\n";
      case 't':
        return "\t";
      case 'r':
        return "\r";
      case 'u':
        if (pos + 4 <= src.length() && src.substring(pos, pos + 4).matches("[0-9a-fA-F]{4}")) {
          char u = (char) Integer.parseInt(src.substring(pos, pos + 4), 16);
          for (int i = 0; i < 4; i++) {
            advance();
          }
          return String.valueOf(u);
        }
        throw new PolicyParseException(l, k, "invalid unicode escape");
      default:
        throw new PolicyParseException(l, k, "invalid escape " + printable(e));
    }
  }

  private void skipBlanksAndComments() {
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (Character.isWhitespace(c) || c == '\uFEFF') {
        advance();
      } else if (c == '#' || src.startsWith("//", pos)) {
        while (pos < src.length() && src.charAt(pos) != '\n') {
          advance();
        }
      } else if (src.startsWith("/*", pos)) {
        int l = line;
        int k = col;
        int end = src.indexOf("*/", pos + 2);
        if (end < 0) {
          throw new PolicyParseException(l, k, "unterminated comment");
        }
        while (pos < end + 2) {
          advance();
        }
      } else {
        return;
      }
    }
  }

  private void advance() {
    if (src.charAt(pos) == '\n') {
      line++;
      col = 1;
    } else {
      col++;
    }
    pos++;
  }

  private static boolean isIdentPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
  }

  private static String printable(char c) {
    if (c < 0x20 || c == 0x7f) {
      return String.format("U+%04X", (int) c);
    }
    return "'" + c + "'";
  }
}
