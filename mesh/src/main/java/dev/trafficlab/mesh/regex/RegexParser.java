package dev.trafficlab.mesh.regex;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A lenient parser of Go's regexp syntax (the Perl flavour regexp.Compile uses) that only builds
 * the shape of the expression. It never compiles a program, so it is safe on any input: it is what
 * runs before RE2/J is handed a pattern. Syntax errors other than Go's repeat limits are left to
 * RE2/J, which gets the {@link Parsed#defused()} copy of the pattern, whose repeat counts are all 1
 * (same syntax, a program no larger than the text).
 */
public final class RegexParser {
  /** Go's limit on a repeat count and on the product of nested counts (regexp/syntax, parse.go). */
  static final int MAX_REPEAT = 1000;

  /** Deeper nesting is refused before any tree walk could exhaust the stack. */
  static final int MAX_DEPTH = 1000;

  /**
   * The result of a parse.
   *
   * @param root the expression's shape; null when {@code tooDeep}
   * @param repeatError the text of the first {n,m} operator whose nesting exceeds Go's limit (e.g.
   *     {@code {1000}}), or null
   * @param tooDeep true when groups nest more than {@value #MAX_DEPTH} deep
   * @param defused the pattern with every valid {n,m} operator written {1} (or {1,})
   * @param edits for each rewritten operator: start and end in {@code defused}, then in the pattern
   */
  public record Parsed(
      RegexNode root, String repeatError, boolean tooDeep, String defused, List<int[]> edits) {
    /** The text of the pattern that a span of {@code defused} came from. */
    public String original(String pattern, int defStart, int defEnd) {
      return pattern.substring(toOriginal(defStart, true), toOriginal(defEnd, false));
    }

    private int toOriginal(int pos, boolean start) {
      int shift = 0;
      for (int[] e : edits) {
        if (pos < e[0] || (!start && pos == e[0])) {
          break;
        }
        if (pos < e[1] || (!start && pos == e[1])) {
          return start ? e[2] : e[3];
        }
        shift = e[3] - e[1];
      }
      return pos + shift;
    }
  }

  private static final int FOLD = 1;
  private static final int DOT_NL = 2;

  private final String s;
  private int pos;
  private int flags;
  private String repeatError;
  private final StringBuilder defused = new StringBuilder();
  private int copied;
  private final List<int[]> edits = new ArrayList<>();

  private static final class Frame {
    final List<RegexNode> alternatives = new ArrayList<>();
    List<RegexNode> concat = new ArrayList<>();
    final boolean capture;
    final int flagsOutside;
    boolean lastWasRepeat;

    Frame(boolean capture, int flagsOutside) {
      this.capture = capture;
      this.flagsOutside = flagsOutside;
    }
  }

  private RegexParser(String s) {
    this.s = s;
  }

  public static Parsed parse(String pattern) {
    return new RegexParser(pattern).run();
  }

  private Parsed run() {
    Deque<Frame> stack = new ArrayDeque<>();
    Frame f = new Frame(false, 0);
    int n = s.length();
    while (pos < n) {
      char c = s.charAt(pos);
      boolean repeat = false;
      switch (c) {
        case '(' -> {
          if (stack.size() >= MAX_DEPTH) {
            return new Parsed(null, null, true, s, List.of());
          }
          int outside = flags;
          boolean capture = groupStart();
          if (capture || !pendingFlagsOnly) {
            stack.push(f);
            f = new Frame(capture, outside);
          }
          f.lastWasRepeat = false;
          continue;
        }
        case ')' -> {
          pos++;
          if (stack.isEmpty()) {
            f.lastWasRepeat = false;
            continue; // unexpected ): RE2/J says so
          }
          RegexNode group = close(f);
          flags = f.flagsOutside;
          f = stack.pop();
          f.concat.add(group);
        }
        case '|' -> {
          pos++;
          f.alternatives.add(concat(f.concat));
          f.concat = new ArrayList<>();
        }
        case '*', '+', '?' -> {
          pos++;
          repeat = true;
          boolean stacked = f.lastWasRepeat;
          lazy();
          if (!f.concat.isEmpty() && !stacked) {
            RegexNode last = f.concat.remove(f.concat.size() - 1);
            f.concat.add(new RegexNode.Repeat(last, c == '+' ? 1 : 0, c == '?' ? 1 : -1, false));
          }
        }
        case '{' -> {
          int start = pos;
          int[] counts = counts();
          if (counts == null) {
            pos = start + 1;
            f.concat.add(new RegexNode.Literal('{', false));
          } else {
            repeat = true;
            boolean stacked = f.lastWasRepeat;
            boolean valid =
                counts[0] >= 0
                    && counts[0] <= MAX_REPEAT
                    && counts[1] <= MAX_REPEAT
                    && (counts[1] < 0 || counts[0] <= counts[1]);
            int opEnd = pos;
            lazy();
            if (valid) {
              defuse(start, opEnd, counts[1] == -1 ? "{1,}" : "{1}");
            }
            if (valid && !f.concat.isEmpty() && !stacked) {
              RegexNode last = f.concat.remove(f.concat.size() - 1);
              RegexNode.Repeat r = new RegexNode.Repeat(last, counts[0], counts[1], true);
              f.concat.add(r);
              if (repeatError == null
                  && (counts[0] >= 2 || counts[1] >= 2)
                  && !repeatIsValid(r, MAX_REPEAT)) {
                repeatError = s.substring(start, opEnd);
              }
            }
          }
        }
        case '.' -> {
          pos++;
          f.concat.add(
              new RegexNode.CharClass(
                  (flags & DOT_NL) != 0
                      ? new int[] {0, CodePointRanges.MAX_RUNE}
                      : new int[] {0, '\n' - 1, '\n' + 1, CodePointRanges.MAX_RUNE}));
        }
        case '^', '$' -> {
          pos++;
          f.concat.add(new RegexNode.EmptyWidth(c));
        }
        case '[' -> f.concat.add(charClass());
        case '\\' -> f.concat.add(escape());
        default -> {
          int cp = s.codePointAt(pos);
          pos += Character.charCount(cp);
          f.concat.add(literal(cp));
        }
      }
      f.lastWasRepeat = repeat;
    }
    while (!stack
        .isEmpty()) { // missing closing ): RE2/J says so; the shape is still worth estimating
      RegexNode group = close(f);
      f = stack.pop();
      f.concat.add(group);
    }
    RegexNode root = close(f);
    if (f.capture) {
      root = new RegexNode.Capture(root);
    }
    defused.append(s, copied, n);
    return new Parsed(root, repeatError, false, defused.toString(), List.copyOf(edits));
  }

  private RegexNode close(Frame f) {
    f.alternatives.add(concat(f.concat));
    RegexNode body =
        f.alternatives.size() == 1
            ? f.alternatives.get(0)
            : new RegexNode.Alternate(List.copyOf(f.alternatives));
    return f.capture ? new RegexNode.Capture(body) : body;
  }

  private static RegexNode concat(List<RegexNode> items) {
    if (items.isEmpty()) {
      return new RegexNode.Empty();
    }
    return items.size() == 1 ? items.get(0) : new RegexNode.Concat(List.copyOf(items));
  }

  private boolean pendingFlagsOnly;

  /**
   * After '(': consumes the group's opening; true for a capturing group. Sets pendingFlagsOnly for
   * "(?i)".
   */
  private boolean groupStart() {
    pendingFlagsOnly = false;
    pos++;
    if (pos >= s.length() || s.charAt(pos) != '?') {
      return true;
    }
    pos++;
    if (s.startsWith("P<", pos)) {
      int close = s.indexOf('>', pos);
      pos = close < 0 ? s.length() : close + 1;
      return true;
    }
    boolean negate = false;
    int newFlags = flags;
    while (pos < s.length()) {
      char c = s.charAt(pos++);
      switch (c) {
        case 'i' -> newFlags = negate ? newFlags & ~FOLD : newFlags | FOLD;
        case 's' -> newFlags = negate ? newFlags & ~DOT_NL : newFlags | DOT_NL;
        case '-' -> negate = true;
        case ':' -> {
          flags = newFlags;
          return false;
        }
        case ')' -> {
          flags = newFlags;
          pendingFlagsOnly = true;
          return false;
        }
        default -> {
          // m and U change no size; anything else is a syntax error RE2/J reports
        }
      }
    }
    return false;
  }

  private void lazy() {
    if (pos < s.length() && s.charAt(pos) == '?') {
      pos++;
    }
  }

  /**
   * At '{': {min, max} (max -1 for "{n,}", min or max -1 when a number is too large), or null when
   * not a repeat.
   */
  private int[] counts() {
    int p = pos + 1;
    int[] min = number(p);
    if (min == null) {
      return null;
    }
    p = min[1];
    int max = min[0];
    if (p < s.length() && s.charAt(p) == ',') {
      p++;
      if (p < s.length() && s.charAt(p) == '}') {
        max = -1;
      } else {
        int[] m = number(p);
        if (m == null) {
          return null;
        }
        max = m[0] < 0 ? Integer.MAX_VALUE : m[0];
        p = m[1];
      }
    }
    if (p >= s.length() || s.charAt(p) != '}') {
      return null;
    }
    pos = p + 1;
    return new int[] {min[0], max};
  }

  /** Go's parseInt: digits without a leading zero; {value or -1 when huge, end}; null when none. */
  private int[] number(int p) {
    int start = p;
    while (p < s.length() && s.charAt(p) >= '0' && s.charAt(p) <= '9') {
      p++;
    }
    if (p == start || (p - start >= 2 && s.charAt(start) == '0')) {
      return null;
    }
    long v = 0;
    for (int i = start; i < p; i++) {
      if (v >= 100_000_000) {
        return new int[] {-1, p};
      }
      v = v * 10 + s.charAt(i) - '0';
    }
    return new int[] {(int) v, p};
  }

  private void defuse(int start, int end, String replacement) {
    defused.append(s, copied, start);
    int defStart = defused.length();
    defused.append(replacement);
    edits.add(new int[] {defStart, defused.length(), start, end});
    copied = end;
  }

  /** Go's repeatIsValid: the counts of nested {n,m} operators may multiply to at most n. */
  static boolean repeatIsValid(RegexNode re, int n) {
    if (re instanceof RegexNode.Repeat r) {
      if (r.braces()) {
        int m = r.max();
        if (m == 0) {
          return true;
        }
        if (m < 0) {
          m = r.min();
        }
        if (m > n) {
          return false;
        }
        if (m > 0) {
          n /= m;
        }
      }
      return repeatIsValid(r.sub(), n);
    }
    if (re instanceof RegexNode.Capture c) {
      return repeatIsValid(c.sub(), n);
    }
    List<RegexNode> subs =
        re instanceof RegexNode.Concat c
            ? c.subs()
            : re instanceof RegexNode.Alternate a ? a.subs() : List.of();
    for (RegexNode sub : subs) {
      if (!repeatIsValid(sub, n)) {
        return false;
      }
    }
    return true;
  }

  private RegexNode literal(int cp) {
    return new RegexNode.Literal(
        cp, (flags & FOLD) != 0 && Character.toLowerCase(cp) != Character.toUpperCase(cp));
  }

  // ------------------------------------------------------------------------------------------------ escapes

  /** At '\' outside a class. */
  private RegexNode escape() {
    pos++;
    if (pos >= s.length()) {
      return new RegexNode.Empty();
    }
    char c = s.charAt(pos);
    switch (c) {
      case 'b', 'B', 'A', 'z' -> {
        pos++;
        return new RegexNode.EmptyWidth(c);
      }
      case 'Q' -> {
        int end = s.indexOf("\\E", pos + 1);
        String lit = end < 0 ? s.substring(pos + 1) : s.substring(pos + 1, end);
        pos = end < 0 ? s.length() : end + 2;
        List<RegexNode> runes = new ArrayList<>();
        lit.codePoints().forEach(cp -> runes.add(literal(cp)));
        return concat(runes);
      }
      default -> {
        int[] cls = classEscape();
        if (cls != null) {
          return new RegexNode.CharClass(cls);
        }
        return literal(escapedRune());
      }
    }
  }

  /**
   * At the letter after '\': a Perl or Unicode class (position moved past it), or null (position
   * unchanged).
   */
  private int[] classEscape() {
    char c = s.charAt(pos);
    int[] perl = NamedClasses.perl(Character.toLowerCase(c));
    if (perl != null && "dswDSW".indexOf(c) >= 0) {
      pos++;
      return Character.isUpperCase(c) ? CodePointRanges.negate(perl) : perl;
    }
    if (c != 'p' && c != 'P') {
      return null;
    }
    pos++;
    boolean negate = c == 'P';
    String name;
    if (pos < s.length() && s.charAt(pos) == '{') {
      int close = s.indexOf('}', pos);
      name = close < 0 ? s.substring(pos + 1) : s.substring(pos + 1, close);
      pos = close < 0 ? s.length() : close + 1;
    } else if (pos < s.length()) {
      int cp = s.codePointAt(pos);
      name = new String(Character.toChars(cp));
      pos += Character.charCount(cp);
    } else {
      name = "";
    }
    if (name.startsWith("^")) {
      negate = !negate;
      name = name.substring(1);
    }
    int[] ranges = NamedClasses.unicode(name);
    if (ranges == null) {
      ranges = new int[0];
    }
    return negate ? CodePointRanges.negate(ranges) : ranges;
  }

  /**
   * At the character after '\': the rune it stands for (octal, hex, control letters, punctuation).
   */
  private int escapedRune() {
    char c = s.charAt(pos++);
    switch (c) {
      case 'a':
        return 7;
      case 'f':
        return '\f';
      case 't':
        return '\t';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 'v':
        return 0x0B;
      case 'x':
        {
          if (pos < s.length() && s.charAt(pos) == '{') {
            int close = s.indexOf('}', pos);
            String hex = close < 0 ? "" : s.substring(pos + 1, close);
            pos = close < 0 ? s.length() : close + 1;
            return hexValue(hex);
          }
          int end = Math.min(s.length(), pos + 2);
          String hex = s.substring(pos, end);
          pos = end;
          return hexValue(hex);
        }
      default:
        if (c >= '0' && c <= '7') {
          int v = c - '0';
          for (int i = 0;
              i < 2 && pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '7';
              i++) {
            v = v * 8 + s.charAt(pos++) - '0';
          }
          return v;
        }
        pos--;
        int cp = s.codePointAt(pos);
        pos += Character.charCount(cp);
        return cp;
    }
  }

  private static int hexValue(String hex) {
    if (hex.isEmpty() || hex.length() > 8) {
      return 0;
    }
    try {
      return (int) Math.min(Long.parseLong(hex, 16), CodePointRanges.MAX_RUNE);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  // ------------------------------------------------------------------------------------------------ classes

  /** At '['. */
  private RegexNode charClass() {
    pos++;
    boolean negate = false;
    if (pos < s.length() && s.charAt(pos) == '^') {
      negate = true;
      pos++;
    }
    CodePointRanges r = new CodePointRanges();
    boolean first = true;
    while (pos < s.length() && (s.charAt(pos) != ']' || first)) {
      first = false;
      if (s.startsWith("[:", pos)) {
        int close = s.indexOf(":]", pos + 2);
        if (close > 0) {
          String name = s.substring(pos + 2, close);
          boolean neg = name.startsWith("^");
          int[] posix = NamedClasses.posix(neg ? name.substring(1) : name);
          if (posix != null) {
            r.addAll(neg ? CodePointRanges.negate(posix) : posix);
            pos = close + 2;
            continue;
          }
        }
      }
      if (s.charAt(pos) == '\\' && pos + 1 < s.length()) {
        pos++;
        int[] cls = classEscape();
        if (cls != null) {
          r.addAll(cls);
          continue;
        }
        pos--;
      }
      int lo = classChar();
      int hi = lo;
      if (pos + 1 < s.length() && s.charAt(pos) == '-' && s.charAt(pos + 1) != ']') {
        pos++;
        hi = classChar();
      }
      r.add(lo, hi);
      if ((flags & FOLD) != 0) {
        addFolds(r, lo, hi);
      }
    }
    pos = Math.min(s.length(), pos + 1);
    int[] ranges = r.toArray();
    return new RegexNode.CharClass(negate ? CodePointRanges.negate(ranges) : ranges);
  }

  private int classChar() {
    if (s.charAt(pos) == '\\' && pos + 1 < s.length()) {
      pos++;
      return escapedRune();
    }
    int cp = s.codePointAt(pos);
    pos += Character.charCount(cp);
    return cp;
  }

  /**
   * (?i) in a class: the other case of each letter (for large ranges, of its ASCII part only: a
   * bound on work).
   */
  private static void addFolds(CodePointRanges r, int lo, int hi) {
    int end = hi - lo > 512 ? Math.min(hi, 0x7F) : hi;
    for (int cp = lo; cp <= end; cp++) {
      int up = Character.toUpperCase(cp);
      int low = Character.toLowerCase(cp);
      if (up != cp) {
        r.add(up, up);
      }
      if (low != cp) {
        r.add(low, low);
      }
      if (low == 's' || low == 'k') { // the orbits of s and k include U+017F and U+212A
        r.add(low == 's' ? 0x17F : 0x212A, low == 's' ? 0x17F : 0x212A);
      }
    }
  }
}
