package dev.trafficlab.mesh.regex;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The character classes Go's syntax names: Perl (\d \s \w), POSIX ([:alpha:]) and Unicode (\pL,
 * \p{Greek}). The Unicode tables come from the JDK (Unicode 13 in Java 17, the version RE2 and Go
 * used in 2020), built once a name.
 */
final class NamedClasses {
  private NamedClasses() {}

  private static final Map<String, int[]> PERL =
      Map.of(
          "d", new int[] {'0', '9'},
          "s", new int[] {'\t', '\n', '\f', '\r', ' ', ' '},
          "w", new int[] {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'});

  private static final Map<String, int[]> POSIX =
      Map.ofEntries(
          Map.entry("alnum", new int[] {'0', '9', 'A', 'Z', 'a', 'z'}),
          Map.entry("alpha", new int[] {'A', 'Z', 'a', 'z'}),
          Map.entry("ascii", new int[] {0, 0x7F}),
          Map.entry("blank", new int[] {'\t', '\t', ' ', ' '}),
          Map.entry("cntrl", new int[] {0, 0x1F, 0x7F, 0x7F}),
          Map.entry("digit", new int[] {'0', '9'}),
          Map.entry("graph", new int[] {'!', '~'}),
          Map.entry("lower", new int[] {'a', 'z'}),
          Map.entry("print", new int[] {' ', '~'}),
          Map.entry("punct", new int[] {'!', '/', ':', '@', '[', '`', '{', '~'}),
          Map.entry("space", new int[] {'\t', '\r', ' ', ' '}),
          Map.entry("upper", new int[] {'A', 'Z'}),
          Map.entry("word", new int[] {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'}),
          Map.entry("xdigit", new int[] {'0', '9', 'A', 'F', 'a', 'f'}));

  private static final Map<String, int[]> UNICODE = new ConcurrentHashMap<>();

  /** \d, \s, \w (lower case letter); null for another letter. */
  static int[] perl(char c) {
    return PERL.get(String.valueOf(c));
  }

  /** alnum, alpha...; null when unknown. */
  static int[] posix(String name) {
    return POSIX.get(name);
  }

  /**
   * A Unicode category (L, Lu, Nd...), script (Greek, Han...) or Any; null when the JDK knows no
   * such name.
   */
  static int[] unicode(String name) {
    int[] known = UNICODE.get(name);
    if (known != null) {
      return known;
    }
    int[] built = build(name);
    if (built != null) {
      UNICODE.put(name, built);
    }
    return built;
  }

  private static int[] build(String name) {
    if (name.equals("Any")) {
      return new int[] {0, CodePointRanges.MAX_RUNE};
    }
    java.util.function.IntPredicate test = category(name);
    if (test == null) {
      Character.UnicodeScript script;
      try {
        script = Character.UnicodeScript.forName(name.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        return null;
      }
      test = cp -> Character.UnicodeScript.of(cp) == script;
    }
    CodePointRanges out = new CodePointRanges();
    int start = -1;
    for (int cp = 0; cp <= CodePointRanges.MAX_RUNE + 1; cp++) {
      boolean in = cp <= CodePointRanges.MAX_RUNE && test.test(cp);
      if (in && start < 0) {
        start = cp;
      } else if (!in && start >= 0) {
        out.add(start, cp - 1);
        start = -1;
      }
    }
    return out.toArray();
  }

  private static final String CATEGORY_NAMES =
      "Cn Lu Ll Lt Lm Lo Mn Me Mc Nd Nl No Zs Zl Zp Cc Cf ?? Co Cs Pd Ps Pe "
          + "Pc Po Sm Sc Sk So Pi Pf";

  private static java.util.function.IntPredicate category(String name) {
    if (name.length() == 1 && "LMNPSZC".contains(name)) {
      return cp -> categoryName(cp).charAt(0) == name.charAt(0) && !categoryName(cp).equals("Cn");
    }
    if (name.length() == 2 && CATEGORY_NAMES.contains(name) && !name.equals("??")) {
      return cp -> categoryName(cp).equals(name);
    }
    return null;
  }

  private static String categoryName(int cp) {
    int t = Character.getType(cp);
    return CATEGORY_NAMES.substring(t * 3, t * 3 + 2);
  }
}
