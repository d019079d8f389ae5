package dev.trafficlab.mesh.yaml;

import dev.trafficlab.mesh.model.Pos;

/**
 * kubectl reads a text that starts with "{" as a stream of JSON values with Go's encoding/json, so
 * its syntax errors read like Go's ("json: line 3: invalid character '}' looking for beginning of
 * object key string"). This checks that syntax only; the values themselves are then read by {@link
 * YamlReader} (JSON is YAML).
 */
final class GoJsonSyntax {
  private final String s;
  private int i;

  private GoJsonSyntax(String s) {
    this.s = s;
  }

  /** True when kubectl would treat the text as JSON. */
  static boolean looksLikeJson(String text) {
    for (int k = 0; k < text.length(); k++) {
      char c = text.charAt(k);
      if (!Character.isWhitespace(c)) {
        return c == '{';
      }
    }
    return false;
  }

  /**
   * The [start, end) offsets of each top-level value of the stream; throws a {@link
   * YamlSyntaxException} with Go's words when the stream is malformed.
   */
  static java.util.List<int[]> values(String text) {
    GoJsonSyntax p = new GoJsonSyntax(text);
    java.util.List<int[]> out = new java.util.ArrayList<>();
    p.skipSpace();
    while (p.i < p.s.length()) {
      int start = p.i;
      p.value("looking for beginning of value");
      out.add(new int[] {start, p.i});
      p.skipSpace();
    }
    return out;
  }

  private void value(String context) {
    skipSpace();
    if (i >= s.length()) {
      throw eof();
    }
    char c = s.charAt(i);
    switch (c) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> string();
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          number();
        } else {
          throw invalid(c, context);
        }
      }
    }
  }

  private void object() {
    i++;
    skipSpace();
    if (peek() == '}') {
      i++;
      return;
    }
    while (true) {
      skipSpace();
      if (i >= s.length()) {
        throw eof();
      }
      if (s.charAt(i) != '"') {
        throw invalid(s.charAt(i), "looking for beginning of object key string");
      }
      string();
      skipSpace();
      if (i >= s.length()) {
        throw eof();
      }
      if (s.charAt(i) != ':') {
        throw invalid(s.charAt(i), "after object key");
      }
      i++;
      value("looking for beginning of value");
      if (closesAfterMember('}', "after object key:value pair")) {
        return;
      }
    }
  }

  private void array() {
    i++;
    skipSpace();
    if (peek() == ']') {
      i++;
      return;
    }
    while (true) {
      value("looking for beginning of value");
      if (closesAfterMember(']', "after array element")) {
        return;
      }
    }
  }

  /**
   * After an object member or array element: true past {@code close}, false past a comma, else Go's
   * error.
   */
  private boolean closesAfterMember(char close, String context) {
    skipSpace();
    if (i >= s.length()) {
      throw eof();
    }
    char c = s.charAt(i);
    if (c == ',') {
      i++;
      return false;
    }
    if (c == close) {
      i++;
      return true;
    }
    throw invalid(c, context);
  }

  private void string() {
    i++;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '"') {
        i++;
        return;
      }
      if (c < 0x20) {
        throw invalid(c, "in string literal");
      }
      if (c == '\\') {
        i++;
        if (i >= s.length()) {
          throw eof();
        }
        char e = s.charAt(i);
        if (e == 'u') {
          for (int k = 1; k <= 4; k++) {
            if (i + k >= s.length()) {
              throw eof();
            }
            if (Character.digit(s.charAt(i + k), 16) < 0) {
              i += k;
              throw invalid(s.charAt(i), "in \\u hexadecimal character escape");
            }
          }
          i += 4;
        } else if ("\"\\/bfnrt".indexOf(e) < 0) {
          throw invalid(e, "in string escape code");
        }
      }
      i++;
    }
    throw eof();
  }

  private void literal(String word) {
    for (int k = 0; k < word.length(); k++) {
      if (i >= s.length()) {
        throw eof();
      }
      if (s.charAt(i) != word.charAt(k)) {
        throw invalid(s.charAt(i), "in literal " + word + " (expecting '" + word.charAt(k) + "')");
      }
      i++;
    }
  }

  private void number() {
    if (peek() == '-') {
      i++;
    }
    if (i >= s.length()) {
      throw eof();
    }
    if (peek() == '0') {
      i++;
    } else if (peek() >= '1' && peek() <= '9') {
      while (peek() >= '0' && peek() <= '9') {
        i++;
      }
    } else {
      throw invalid(s.charAt(i), "in numeric literal");
    }
    if (peek() == '.') {
      i++;
      if (!(peek() >= '0' && peek() <= '9')) {
        throw i >= s.length()
            ? eof()
            : invalid(s.charAt(i), "after decimal point in numeric literal");
      }
      while (peek() >= '0' && peek() <= '9') {
        i++;
      }
    }
    if (peek() == 'e' || peek() == 'E') {
      i++;
      if (peek() == '+' || peek() == '-') {
        i++;
      }
      if (!(peek() >= '0' && peek() <= '9')) {
        throw i >= s.length() ? eof() : invalid(s.charAt(i), "in exponent of numeric literal");
      }
      while (peek() >= '0' && peek() <= '9') {
        i++;
      }
    }
  }

  private char peek() {
    return i < s.length() ? s.charAt(i) : '\0';
  }

  private void skipSpace() {
    while (i < s.length()
        && (s.charAt(i) == ' '
            || s.charAt(i) == '\t'
            || s.charAt(i) == '\n'
            || s.charAt(i) == '\r')) {
      i++;
    }
  }

  private Pos pos() {
    int line = 1;
    int col = 1;
    for (int k = 0; k < Math.min(i, s.length()); k++) {
      if (s.charAt(k) == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
    }
    return new Pos(line, col);
  }

  private YamlSyntaxException invalid(char c, String context) {
    String what = "invalid character " + quoteChar(c) + " " + context;
    Pos p = pos();
    return new YamlSyntaxException("json: line " + p.line() + ": " + what, what, p, true);
  }

  private YamlSyntaxException eof() {
    Pos p = pos();
    return new YamlSyntaxException("unexpected EOF", "unexpected end of JSON input", p, true);
  }

  /** Go's quoteChar: '\'' for a quote, otherwise strconv.Quote's escaping inside single quotes. */
  static String quoteChar(char c) {
    if (c == '\'') {
      return "'\\''";
    }
    if (c == '"') {
      return "'\"'";
    }
    return switch (c) {
      case '\n' -> "'\\n'";
      case '\t' -> "'\\t'";
      case '\r' -> "'\\r'";
      case '\\' -> "'\\\\'";
      default -> c < 0x20 ? String.format("'\\x%02x'", (int) c) : "'" + c + "'";
    };
  }
}
