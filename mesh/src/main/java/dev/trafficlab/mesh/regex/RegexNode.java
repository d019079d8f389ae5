package dev.trafficlab.mesh.regex;

import java.util.List;

/**
 * The shape of a parsed Go/RE2 regular expression: just enough structure to check Go's repeat
 * limits and to estimate the size of the program RE2 would compile, without compiling anything.
 */
public sealed interface RegexNode {
  /** One character; {@code fold} when (?i) is on. */
  record Literal(int rune, boolean fold) implements RegexNode {}

  /** A character class as sorted, merged, inclusive code point ranges {lo0, hi0, lo1, hi1, ...}. */
  record CharClass(int[] ranges) implements RegexNode {}

  /** ^, $, \b, \B, \A, \z: matches no character. {@code kind} is the character that wrote it. */
  record EmptyWidth(char kind) implements RegexNode {}

  /** Matches the empty string: an empty group or branch. */
  record Empty() implements RegexNode {}

  record Concat(List<RegexNode> subs) implements RegexNode {}

  record Alternate(List<RegexNode> subs) implements RegexNode {}

  record Capture(RegexNode sub) implements RegexNode {}

  /**
   * A repetition: *, + and ? are {0,-1}, {1,-1} and {0,1}; {@code braces} tells an {n,m} operator
   * apart, the only kind Go checks for nesting. {@code max} is -1 for no upper bound.
   */
  record Repeat(RegexNode sub, int min, int max, boolean braces) implements RegexNode {}
}
