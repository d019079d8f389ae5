package dev.trafficlab.terminal.commands;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * An upper bound of how many instructions a regular expression compiles to, read from its text
 * before it is compiled. RE2J accepts {@code ((a{1000}){1000}){1000}} and would build a program of
 * 10^9 instructions (the heap runs out); nested counted repeats multiply, so the bound multiplies
 * them too.
 */
final class RegexSize {
  /** Larger expressions are refused as GNU grep refuses them: "Regular expression too big". */
  static final long MAX = 32_768;

  private RegexSize() {}

  static boolean tooBig(String re) {
    return estimate(re) > MAX;
  }

  static long estimate(String re) {
    Deque<long[]> groups = new ArrayDeque<>();
    long sum = 0;
    long last = 0;
    int i = 0;
    while (i < re.length()) {
      char c = re.charAt(i);
      long atom = -1;
      switch (c) {
        case '\\' -> {
          i += 2;
          atom = 1;
        }
        case '[' -> {
          i = classEnd(re, i);
          atom = 1;
        }
        case '(' -> {
          groups.push(new long[] {sum, last});
          sum = 0;
          last = 0;
          i++;
        }
        case ')' -> {
          long inner = sum + 1;
          long[] outer = groups.isEmpty() ? new long[] {0, 0} : groups.pop();
          sum = outer[0];
          atom = inner;
          i++;
        }
        case '|' -> {
          sum++;
          last = 0;
          i++;
        }
        case '*', '+', '?' -> {
          sum++;
          i++;
        }
        case '{' -> {
          int close = re.indexOf('}', i);
          long count = close < 0 ? -1 : repeatCount(re.substring(i + 1, close));
          if (count < 0) {
            atom = 1;
            i++;
          } else {
            // the repeated atom appears count times in the program
            sum = cap(sum + cap(last * (count - 1)));
            last = cap(last * count);
            i = close + 1;
          }
        }
        default -> {
          atom = 1;
          i++;
        }
      }
      if (atom >= 0) {
        sum = cap(sum + atom);
        last = atom;
      }
    }
    while (!groups.isEmpty()) {
      sum = cap(sum + groups.pop()[0]);
    }
    return sum;
  }

  /** The largest count of {m}, {m,} or {m,n}, or -1 when the braces are not a repeat. */
  private static long repeatCount(String body) {
    if (!body.matches("[0-9]{1,9}(,[0-9]{0,9})?")) {
      return -1;
    }
    int comma = body.indexOf(',');
    long min = Long.parseLong(comma < 0 ? body : body.substring(0, comma));
    if (comma < 0 || comma == body.length() - 1) {
      return Math.max(min, 1);
    }
    return Math.max(Math.max(min, Long.parseLong(body.substring(comma + 1))), 1);
  }

  private static int classEnd(String re, int open) {
    int i = open + 1;
    if (i < re.length() && re.charAt(i) == '^') {
      i++;
    }
    if (i < re.length() && re.charAt(i) == ']') {
      i++;
    }
    while (i < re.length() && re.charAt(i) != ']') {
      i += re.charAt(i) == '\\' ? 2 : 1;
    }
    return i + 1;
  }

  private static long cap(long n) {
    return n < 0 || n > MAX * 4 ? MAX * 4 : n;
  }
}
