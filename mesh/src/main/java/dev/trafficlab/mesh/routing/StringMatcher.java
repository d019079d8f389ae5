package dev.trafficlab.mesh.routing;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.trafficlab.mesh.model.StringMatch;
import dev.trafficlab.mesh.regex.Re2ProgramSize;

/**
 * A compiled Istio StringMatch, as Envoy evaluates it: exact and prefix compare raw characters
 * (optionally ignoring case), regex is RE2 with full-match semantics, presence only asks that a
 * value exists.
 */
final class StringMatcher {
  final StringMatch.Type type;
  final String value;
  final boolean ignoreCase;
  private final Pattern pattern;

  private StringMatcher(StringMatch.Type type, String value, boolean ignoreCase, Pattern pattern) {
    this.type = type;
    this.value = value;
    this.ignoreCase = ignoreCase;
    this.pattern = pattern;
  }

  /**
   * A regex that does not compile, or whose RE2 program Envoy would refuse, never matches:
   * validation rejects the first and {@link RouteConfigAcceptance} keeps a proxy's previous routes
   * instead of the second, so such a matcher is never consulted. The size is estimated before RE2/J
   * sees the pattern, so no large program is ever built.
   */
  static StringMatcher of(StringMatch m, boolean ignoreCase) {
    if (m == null || m.type() == null) {
      return new StringMatcher(StringMatch.Type.PRESENCE, null, false, null);
    }
    String v = m.value() == null ? "" : m.value();
    if (m.type() == StringMatch.Type.REGEX) {
      if (Re2ProgramSize.exceedsEnvoyLimit(v)) {
        return new StringMatcher(m.type(), v, false, null);
      }
      try {
        // ignoreUriCase never applies to regex (Envoy's case_sensitive only affects exact and
        // prefix).
        return new StringMatcher(m.type(), v, false, Pattern.compile(v));
      } catch (PatternSyntaxException e) {
        return new StringMatcher(m.type(), v, false, null);
      }
    }
    return new StringMatcher(m.type(), v, ignoreCase, null);
  }

  /** Matches the region [0, end) of s; s is non-null. */
  boolean matches(String s, int end) {
    switch (type) {
      case EXACT:
        return end == value.length() && s.regionMatches(ignoreCase, 0, value, 0, end);
      case PREFIX:
        return end >= value.length() && s.regionMatches(ignoreCase, 0, value, 0, value.length());
      case REGEX:
        return pattern != null && pattern.matches(end == s.length() ? s : s.substring(0, end));
      default:
        return true;
    }
  }

  boolean matches(String s) {
    return matches(s, s.length());
  }
}
