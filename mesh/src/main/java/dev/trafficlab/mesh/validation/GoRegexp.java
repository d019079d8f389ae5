package dev.trafficlab.mesh.validation;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/** Go's regexp.Compile, through RE2/J (a port of Go's regexp): the same syntax and the same error words. */
public final class GoRegexp {
  private GoRegexp() {}

  /** Go's error text ("error parsing regexp: missing closing ]: `[`"), or null when the pattern compiles. */
  public static String compileError(String re) {
    try {
      Pattern.compile(re);
      return null;
    } catch (PatternSyntaxException e) {
      return "error parsing regexp: " + e.getDescription() + ": `" + e.getPattern() + "`";
    }
  }
}
