package dev.trafficlab.terminal;

/**
 * bash's integer arithmetic for $(( )) and (( )): 64-bit wrapping integers, variables by name
 * (unset or empty is 0, a value holding an expression is evaluated), the C operators with bash's
 * precedence, assignments and ++/--. Errors are worded as bash words them and end the command line.
 */
final class Arithmetic {
  /** bash's "expression recursion level exceeded" bound for variables holding expressions. */
  static final int MAX_RECURSION = 32;

  private final String src;
  private final Vars vars;
  private final int recursion;
  private int pos;
  // where the last token read starts: bash's "error token" is the text from there
  private int tokenStart;

  private Arithmetic(String src, Vars vars, int recursion) {
    this.src = src;
    this.vars = vars;
    this.recursion = recursion;
  }

  /** Evaluates the (already expanded) expression text. */
  static long evaluate(String expression, Vars vars) {
    return evaluate(expression, vars, 0);
  }

  private static long evaluate(String expression, Vars vars, int recursion) {
    Arithmetic a = new Arithmetic(expression, vars, recursion);
    a.skipSpace();
    if (a.pos >= a.src.length()) {
      return 0;
    }
    long v = a.comma(true);
    a.skipSpace();
    if (a.pos < a.src.length()) {
      a.tokenStart = a.pos;
      throw a.error("syntax error in expression");
    }
    return v;
  }

  // ---- grammar, lowest precedence first; eval is false in the branch not taken ----

  private long comma(boolean eval) {
    long v = assignment(eval);
    while (accept(",")) {
      v = assignment(eval);
    }
    return v;
  }

  private static final String[] ASSIGN_OPS = {
    "<<=", ">>=", "**=", "*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=", "="
  };

  private long assignment(boolean eval) {
    skipSpace();
    int save = pos;
    String name = name();
    if (name != null) {
      skipSpace();
      for (String op : ASSIGN_OPS) {
        if (src.startsWith(op, pos) && !(op.equals("=") && src.startsWith("==", pos))) {
          tokenStart = pos;
          pos += op.length();
          long right = assignment(eval);
          if (!eval) {
            return right;
          }
          long value =
              op.equals("=")
                  ? right
                  : binary(op.substring(0, op.length() - 1), variable(name), right);
          vars.set(name, Long.toString(value));
          return value;
        }
      }
    }
    pos = save;
    long v = conditional(eval);
    skipSpace();
    if (pos < src.length() && src.charAt(pos) == '=' && !src.startsWith("==", pos)) {
      tokenStart = pos;
      throw error("attempted assignment to non-variable");
    }
    return v;
  }

  private long conditional(boolean eval) {
    long c = logicalOr(eval);
    if (accept("?")) {
      long a = assignment(eval && c != 0);
      expect(":");
      long b = assignment(eval && c == 0);
      return c != 0 ? a : b;
    }
    return c;
  }

  private long logicalOr(boolean eval) {
    long v = logicalAnd(eval);
    while (accept("||")) {
      long r = logicalAnd(eval && v == 0);
      v = (v != 0 || r != 0) ? 1 : 0;
    }
    return v;
  }

  private long logicalAnd(boolean eval) {
    long v = bitOr(eval);
    while (accept("&&")) {
      long r = bitOr(eval && v != 0);
      v = (v != 0 && r != 0) ? 1 : 0;
    }
    return v;
  }

  private long bitOr(boolean eval) {
    long v = bitXor(eval);
    while (acceptSingle('|')) {
      v |= bitXor(eval);
    }
    return v;
  }

  private long bitXor(boolean eval) {
    long v = bitAnd(eval);
    while (acceptSingle('^')) {
      v ^= bitAnd(eval);
    }
    return v;
  }

  private long bitAnd(boolean eval) {
    long v = equality(eval);
    while (acceptSingle('&')) {
      v &= equality(eval);
    }
    return v;
  }

  private long equality(boolean eval) {
    long v = relational(eval);
    while (true) {
      if (accept("==")) {
        v = v == relational(eval) ? 1 : 0;
      } else if (accept("!=")) {
        v = v != relational(eval) ? 1 : 0;
      } else {
        return v;
      }
    }
  }

  private long relational(boolean eval) {
    long v = shift(eval);
    while (true) {
      if (accept("<=")) {
        v = v <= shift(eval) ? 1 : 0;
      } else if (accept(">=")) {
        v = v >= shift(eval) ? 1 : 0;
      } else if (acceptSingle('<')) {
        v = v < shift(eval) ? 1 : 0;
      } else if (acceptSingle('>')) {
        v = v > shift(eval) ? 1 : 0;
      } else {
        return v;
      }
    }
  }

  private long shift(boolean eval) {
    long v = additive(eval);
    while (true) {
      if (acceptNotAssign("<<")) {
        v = v << additive(eval);
      } else if (acceptNotAssign(">>")) {
        v = v >> additive(eval);
      } else {
        return v;
      }
    }
  }

  private long additive(boolean eval) {
    long v = multiplicative(eval);
    while (true) {
      skipSpace();
      if (pos < src.length()
          && (src.charAt(pos) == '+' || src.charAt(pos) == '-')
          && !src.startsWith("++", pos)
          && !src.startsWith("--", pos)
          && !src.startsWith("+=", pos)
          && !src.startsWith("-=", pos)) {
        char op = src.charAt(pos);
        tokenStart = pos;
        pos++;
        long r = multiplicative(eval);
        v = op == '+' ? v + r : v - r;
      } else {
        return v;
      }
    }
  }

  private long multiplicative(boolean eval) {
    long v = power(eval);
    while (true) {
      skipSpace();
      if (pos < src.length()
          && "*/%".indexOf(src.charAt(pos)) >= 0
          && !src.startsWith("**", pos)
          && !(pos + 1 < src.length() && src.charAt(pos + 1) == '=')) {
        char op = src.charAt(pos);
        tokenStart = pos;
        pos++;
        skipSpace();
        int operandStart = pos;
        long r = power(eval);
        if (eval) {
          v = binaryChecked(String.valueOf(op), v, r, operandStart);
        }
      } else {
        return v;
      }
    }
  }

  private long power(boolean eval) {
    long base = unary(eval);
    skipSpace();
    if (src.startsWith("**", pos) && !src.startsWith("**=", pos)) {
      tokenStart = pos;
      pos += 2;
      long exp = power(eval);
      if (!eval) {
        return 0;
      }
      if (exp < 0) {
        throw error("exponent less than 0");
      }
      long r = 1;
      for (long i = 0; i < exp && i < 64; i++) {
        r *= base;
      }
      return exp >= 64 && Math.abs(base) > 1 ? powLarge(base, exp) : r;
    }
    return base;
  }

  private static long powLarge(long base, long exp) {
    long r = 1;
    long b = base;
    long e = exp;
    while (e > 0) {
      if ((e & 1) == 1) {
        r *= b;
      }
      b *= b;
      e >>= 1;
    }
    return r;
  }

  private long unary(boolean eval) {
    skipSpace();
    if (pos >= src.length()) {
      throw error("syntax error: operand expected");
    }
    if (src.startsWith("++", pos) || src.startsWith("--", pos)) {
      boolean inc = src.charAt(pos) == '+';
      tokenStart = pos;
      pos += 2;
      skipSpace();
      String name = name();
      if (name == null) {
        // "--5" is minus minus five
        pos -= 1;
        long v = unary(eval);
        return inc ? v : -v;
      }
      long v = variable(name) + (inc ? 1 : -1);
      if (eval) {
        vars.set(name, Long.toString(v));
      }
      return v;
    }
    char c = src.charAt(pos);
    if (c == '-' || c == '+' || c == '!' || c == '~') {
      tokenStart = pos;
      pos++;
      long v = unary(eval);
      return switch (c) {
        case '-' -> -v;
        case '!' -> v == 0 ? 1 : 0;
        case '~' -> ~v;
        default -> v;
      };
    }
    return postfix(eval);
  }

  private long postfix(boolean eval) {
    skipSpace();
    int start = pos;
    String name = name();
    if (name != null) {
      tokenStart = start;
      long v = variable(name);
      skipSpace();
      if (src.startsWith("++", pos) || src.startsWith("--", pos)) {
        boolean inc = src.charAt(pos) == '+';
        pos += 2;
        if (eval) {
          vars.set(name, Long.toString(v + (inc ? 1 : -1)));
        }
      }
      return eval ? v : 0;
    }
    return primary(eval);
  }

  private long primary(boolean eval) {
    skipSpace();
    tokenStart = pos;
    if (pos >= src.length()) {
      throw error("syntax error: operand expected");
    }
    char c = src.charAt(pos);
    if (c == '(') {
      pos++;
      long v = comma(eval);
      skipSpace();
      if (pos >= src.length() || src.charAt(pos) != ')') {
        tokenStart = Math.min(pos, src.length());
        throw error("missing `)'");
      }
      pos++;
      return v;
    }
    if (Character.isDigit(c)) {
      return number();
    }
    throw error("syntax error: operand expected");
  }

  /** Decimal, 0x hex, 0 octal, or BASE#digits (2 to 64, as bash). */
  private long number() {
    int start = pos;
    while (pos < src.length()
        && (Character.isLetterOrDigit(src.charAt(pos))
            || src.charAt(pos) == '#'
            || src.charAt(pos) == '@'
            || src.charAt(pos) == '_')) {
      pos++;
    }
    String text = src.substring(start, pos);
    tokenStart = start;
    int base = 10;
    String digits = text;
    int hash = text.indexOf('#');
    if (hash > 0) {
      try {
        base = Integer.parseInt(text.substring(0, hash));
      } catch (NumberFormatException e) {
        throw error("invalid number");
      }
      if (base < 2 || base > 64) {
        throw error("invalid arithmetic base");
      }
      digits = text.substring(hash + 1);
    } else if (text.startsWith("0x") || text.startsWith("0X")) {
      base = 16;
      digits = text.substring(2);
    } else if (text.length() > 1 && text.startsWith("0")) {
      base = 8;
      digits = text.substring(1);
    }
    if (digits.isEmpty()) {
      throw error("invalid number");
    }
    long v = 0;
    for (char d : digits.toCharArray()) {
      int dv = digitValue(d, base);
      if (dv < 0) {
        throw error(Character.isLetterOrDigit(d) ? "value too great for base" : "invalid number");
      }
      v = v * base + dv;
    }
    return v;
  }

  private static int digitValue(char d, int base) {
    int v;
    if (d >= '0' && d <= '9') {
      v = d - '0';
    } else if (d >= 'a' && d <= 'z') {
      v = d - 'a' + 10;
    } else if (d >= 'A' && d <= 'Z') {
      v = base <= 36 ? d - 'A' + 10 : d - 'A' + 36;
    } else if (d == '@') {
      v = 62;
    } else if (d == '_') {
      v = 63;
    } else {
      return -1;
    }
    return v < base ? v : -1;
  }

  private long variable(String name) {
    String value = vars.get(name);
    if (value == null || value.isBlank()) {
      return 0;
    }
    String t = value.strip();
    if (t.matches("-?[0-9]+")) {
      try {
        return Long.parseLong(t);
      } catch (NumberFormatException e) {
        // beyond 64 bits: evaluated below, as bash does, wrapping
      }
    }
    if (recursion + 1 >= MAX_RECURSION) {
      throw new ShellLimitException(
          name + ": expression recursion level exceeded (error token is \"" + name + "\")");
    }
    return evaluate(t, vars, recursion + 1);
  }

  private long binary(String op, long a, long b) {
    return binaryChecked(op, a, b, pos);
  }

  private long binaryChecked(String op, long a, long b, int operandStart) {
    return switch (op) {
      case "+" -> a + b;
      case "-" -> a - b;
      case "*" -> a * b;
      case "**" -> b < 0 ? 0 : powLarge(a, b);
      case "/", "%" -> {
        if (b == 0) {
          tokenStart = Math.min(operandStart, src.length());
          throw error("division by 0");
        }
        yield op.equals("/") ? a / b : a % b;
      }
      case "<<" -> a << b;
      case ">>" -> a >> b;
      case "&" -> a & b;
      case "^" -> a ^ b;
      case "|" -> a | b;
      default -> throw error("syntax error in expression");
    };
  }

  // ---- lexing ----

  private String name() {
    if (pos < src.length() && (Character.isLetter(src.charAt(pos)) || src.charAt(pos) == '_')) {
      int start = pos;
      while (pos < src.length()
          && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
        pos++;
      }
      return src.substring(start, pos);
    }
    return null;
  }

  private void skipSpace() {
    while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
      pos++;
    }
  }

  private boolean accept(String op) {
    skipSpace();
    if (src.startsWith(op, pos)) {
      tokenStart = pos;
      pos += op.length();
      return true;
    }
    return false;
  }

  /** One-character operators that also start a two-character one (| and ||, & and &&, < and <=). */
  private boolean acceptSingle(char op) {
    skipSpace();
    if (pos < src.length() && src.charAt(pos) == op) {
      char next = pos + 1 < src.length() ? src.charAt(pos + 1) : 0;
      if (next == op || next == '=') {
        return false;
      }
      tokenStart = pos;
      pos++;
      return true;
    }
    return false;
  }

  private boolean acceptNotAssign(String op) {
    skipSpace();
    if (src.startsWith(op, pos) && !src.startsWith(op + "=", pos)) {
      tokenStart = pos;
      pos += op.length();
      return true;
    }
    return false;
  }

  private void expect(String op) {
    if (!accept(op)) {
      tokenStart = Math.min(pos, src.length());
      throw error("syntax error in expression");
    }
  }

  private ShellLimitException error(String message) {
    String token = src.substring(Math.min(tokenStart, src.length()));
    return new ShellLimitException(src + ": " + message + " (error token is \"" + token + "\")");
  }
}
