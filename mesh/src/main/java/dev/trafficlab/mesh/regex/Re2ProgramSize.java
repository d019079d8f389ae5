package dev.trafficlab.mesh.regex;

import java.util.List;

/**
 * An estimate of RE2's {@code ProgramSize()} (the instruction count Envoy compares with {@code
 * re2.max_program_size.error_level}) computed from the parsed shape, without compiling: RE2's
 * compiler emits one instruction a UTF-8 byte range (a literal, a class's ranges with shared
 * suffixes), two a capture, one more for + and ?, and expands {n,m} into n copies and m-n optional
 * ones; alternatives sharing a literal prefix are factored and runs of single characters merged
 * into a class, as RE2's parser does. The unanchored program adds a fail, a match and a
 * two-instruction .*? loop. Sizes saturate at {@link #CAP}, so any input costs time proportional to
 * its text, never to the program it describes. Checked against libre2 in Re2ProgramSizeTest.
 */
public final class Re2ProgramSize {
  /** Estimates stop growing here: far above any limit, far below overflow. */
  public static final long CAP = 1L << 40;

  /** re2.max_program_size.error_level in the runtime of Istio 1.8.1's sidecar bootstrap. */
  public static final int ENVOY_ERROR_LEVEL = 1024;

  private Re2ProgramSize() {}

  /** The estimated program size of the pattern; {@link #CAP} when it nests too deeply to walk. */
  public static long of(String pattern) {
    RegexParser.Parsed p = RegexParser.parse(pattern);
    if (p.tooDeep()) {
      return CAP;
    }
    return of(p.root());
  }

  public static long of(RegexNode root) {
    List<RegexNode> top = root instanceof RegexNode.Concat c ? c.subs() : List.of(root);
    long base = 4; // fail, match and the unanchored .*? loop
    int from = 0;
    int to = top.size();
    if (to > 0
        && top.get(0) instanceof RegexNode.EmptyWidth e
        && (e.kind() == '^' || e.kind() == 'A')) {
      from = 1;
      base = 2; // anchored at the start: no loop, and ^ is a flag of the program
      while (from < to && top.get(from) instanceof RegexNode.Literal) {
        from++; // RE2 matches a literal prefix of an anchored regex outside the program
        base = 4;
      }
    }
    if (to > from
        && top.get(to - 1) instanceof RegexNode.EmptyWidth e
        && (e.kind() == '$' || e.kind() == 'z')) {
      to--; // a final $ is a flag of the program too
    }
    long sum = base;
    for (int i = from; i < to; i++) {
      sum = sat(sum + size(top.get(i)));
    }
    return sum;
  }

  /** True when Envoy 1.8.1 would refuse the regex (program size above 1024). */
  public static boolean exceedsEnvoyLimit(String pattern) {
    return of(pattern) > ENVOY_ERROR_LEVEL;
  }

  static long size(RegexNode re) {
    if (re instanceof RegexNode.Literal l) {
      if (!l.fold()) {
        return utf8Length(l.rune());
      }
      return classSize(foldClass(l.rune()));
    }
    if (re instanceof RegexNode.CharClass c) {
      return classSize(c.ranges());
    }
    if (re instanceof RegexNode.EmptyWidth) {
      return 1;
    }
    if (re instanceof RegexNode.Empty) {
      return 0;
    }
    if (re instanceof RegexNode.Capture c) {
      return sat(size(c.sub()) + 2);
    }
    if (re instanceof RegexNode.Concat c) {
      long sum = 0;
      for (RegexNode sub : c.subs()) {
        sum = sat(sum + size(sub));
      }
      return sum;
    }
    if (re instanceof RegexNode.Alternate a) {
      return alternate(a.subs());
    }
    RegexNode.Repeat r = (RegexNode.Repeat) re;
    long sub = size(r.sub());
    if (sub == 0) {
      return 0;
    }
    int min = r.min();
    int max = r.max();
    if (max == 0) {
      return 0;
    }
    if (max < 0) {
      return min == 0
          ? sub
          : sat(mul(min, sub) + 1); // x* is a loop around x; x{n,} is n-1 copies and x+
    }
    return sat(mul(min, sub) + mul(max - min, sub + 1)); // x{n,m}: n copies, then m-n nested (x)?
  }

  /**
   * RE2's parser factors a literal prefix shared by adjacent alternatives (jason|json is
   * j(?:ason|son)) and merges adjacent single characters into one class (v1|v2 is v[12]).
   */
  private static long alternate(List<RegexNode> subs) {
    long sum = 0;
    int i = 0;
    while (i < subs.size()) {
      List<RegexNode> first = items(subs.get(i));
      int j = i + 1;
      int shared = literalRunes(first);
      while (j < subs.size() && shared > 0) {
        int common = commonLiterals(first, items(subs.get(j)), shared);
        if (common == 0) {
          break;
        }
        shared = common;
        j++;
      }
      if (j - i >= 2) {
        long prefix = 0;
        for (int k = 0; k < shared; k++) {
          prefix += size(first.get(k));
        }
        List<RegexNode> rests = new java.util.ArrayList<>();
        for (int k = i; k < j; k++) {
          List<RegexNode> it = items(subs.get(k));
          List<RegexNode> rest = it.subList(shared, it.size());
          rests.add(
              rest.isEmpty()
                  ? new RegexNode.Empty()
                  : rest.size() == 1 ? rest.get(0) : new RegexNode.Concat(List.copyOf(rest)));
        }
        sum = sat(sum + prefix + alternate(rests));
        i = j;
        continue;
      }
      CodePointRanges singles = null;
      while (i < subs.size()
          && singleCharacter(subs.get(i)) != null
          && (singles != null || i + 1 < subs.size() && singleCharacter(subs.get(i + 1)) != null)) {
        singles = singles == null ? new CodePointRanges() : singles;
        singles.addAll(singleCharacter(subs.get(i)));
        i++;
      }
      if (singles != null) {
        sum = sat(sum + classSize(singles.toArray()));
        continue;
      }
      sum = sat(sum + size(subs.get(i)));
      i++;
    }
    return sum;
  }

  private static List<RegexNode> items(RegexNode re) {
    return re instanceof RegexNode.Concat c ? c.subs() : List.of(re);
  }

  private static int literalRunes(List<RegexNode> items) {
    int k = 0;
    while (k < items.size() && items.get(k) instanceof RegexNode.Literal) {
      k++;
    }
    return k;
  }

  private static int commonLiterals(List<RegexNode> a, List<RegexNode> b, int max) {
    int k = 0;
    while (k < max
        && k < b.size()
        && b.get(k) instanceof RegexNode.Literal lb
        && a.get(k).equals(lb)) {
      k++;
    }
    return k;
  }

  private static int[] singleCharacter(RegexNode re) {
    if (re instanceof RegexNode.Literal l && !l.fold()) {
      return new int[] {l.rune(), l.rune()};
    }
    return re instanceof RegexNode.CharClass c ? c.ranges() : null;
  }

  private static int[] foldClass(int cp) {
    int lower = Character.toLowerCase(cp);
    if (lower == 's' || lower == 'k') { // their orbits include U+017F and U+212A
      return new CodePointRanges()
          .add(lower, lower)
          .add(lower - 32, lower - 32)
          .add(lower == 's' ? 0x17F : 0x212A, lower == 's' ? 0x17F : 0x212A)
          .toArray();
    }
    return new CodePointRanges()
        .add(cp, cp)
        .add(Character.toUpperCase(cp), Character.toUpperCase(cp))
        .add(Character.toLowerCase(cp), Character.toLowerCase(cp))
        .add(Character.toTitleCase(cp), Character.toTitleCase(cp))
        .toArray();
  }

  /** Instructions for a class, as RE2 compiles it to UTF-8 (see {@link Utf8ClassProgram}). */
  static long classSize(int[] ranges) {
    return Utf8ClassProgram.count(ranges);
  }

  private static int utf8Length(int cp) {
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }

  private static long mul(long a, long b) {
    if (a == 0 || b == 0) {
      return 0;
    }
    return a > CAP / b ? CAP : a * b;
  }

  private static long sat(long v) {
    return Math.min(v, CAP);
  }
}
