package dev.trafficlab.mesh.validation;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.trafficlab.mesh.regex.RegexParser;

/**
 * Go's regexp.Compile, through RE2/J (a port of Go's regexp): the same syntax and the same error
 * words. RE2/J lacks Go's limit on nested repeats and would build the whole program of
 * ((a{1000}){1000}), so the pattern is first parsed for its shape ({@link RegexParser}): Go's
 * repeat limit is checked there, and RE2/J only ever sees the defused copy whose repeat counts are
 * 1, which has the same syntax errors and a program no larger than its text. One difference with Go
 * remains: when a pattern has both a nested repeat over the limit and another syntax error before
 * it, Go names the earlier error and this names the repeat.
 */
public final class GoRegexp {
  private GoRegexp() {}

  /**
   * Go's error text ("error parsing regexp: missing closing ]: `[`"), or null when the pattern
   * compiles.
   */
  public static String compileError(String re) {
    RegexParser.Parsed parsed = RegexParser.parse(re);
    if (parsed.tooDeep()) {
      // Go 1.15 has no depth limit; walking such a tree could exhaust the stack, so it is refused
      // in later Go's words.
      return "error parsing regexp: expression nests too deeply: `" + re + "`";
    }
    if (parsed.repeatError() != null) {
      return "error parsing regexp: invalid repeat count: `" + parsed.repeatError() + "`";
    }
    try {
      Pattern.compile(parsed.defused());
      return null;
    } catch (PatternSyntaxException e) {
      return "error parsing regexp: "
          + e.getDescription()
          + ": `"
          + original(re, parsed, e.getPattern())
          + "`";
    }
  }

  /** The text of the pattern that RE2/J's error quotes from the defused copy. */
  private static String original(String re, RegexParser.Parsed parsed, String quoted) {
    if (parsed.edits().isEmpty() || quoted == null) {
      return quoted;
    }
    int at = parsed.defused().indexOf(quoted);
    return at < 0 ? quoted : parsed.original(re, at, at + quoted.length());
  }
}
