package dev.trafficlab.mesh.routing;

import java.util.Locale;

/**
 * One Envoy header matcher. The configured name is lower-cased (Envoy's LowerCaseString), so names
 * match case-insensitively while values stay case-sensitive.
 *
 * <p>An inverted matcher (withoutHeaders) on a missing header: 1.8's Envoy never matches an
 * inverted value matcher when the header is absent, only an inverted presence matcher; current
 * Envoy treats the missing header as empty. {@code missingHeaderMatchesInverted} carries that
 * choice from the IstioProfile.
 */
final class HeaderMatcher {
  final String name;
  final StringMatcher matcher;
  final boolean invert;
  private final boolean missingHeaderMatchesInverted;

  HeaderMatcher(
      String name, StringMatcher matcher, boolean invert, boolean missingHeaderMatchesInverted) {
    this.name = name.toLowerCase(Locale.ROOT);
    this.matcher = matcher;
    this.invert = invert;
    this.missingHeaderMatchesInverted = missingHeaderMatchesInverted;
  }

  boolean matches(String value) {
    if (value == null) {
      if (!invert) {
        return false;
      }
      if (matcher.type == dev.trafficlab.mesh.model.StringMatch.Type.PRESENCE) {
        return true;
      }
      return missingHeaderMatchesInverted && !matcher.matches("");
    }
    return matcher.matches(value) != invert;
  }
}
