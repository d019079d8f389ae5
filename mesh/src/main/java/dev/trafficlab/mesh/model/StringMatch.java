package dev.trafficlab.mesh.model;

/**
 * Istio StringMatch: exactly one of exact, prefix or regex; {@link Type#PRESENCE} for an empty
 * matcher (`end-user: {}`), which Envoy treats as "header present".
 */
public record StringMatch(Type type, String value, Pos pos) {
  public enum Type {
    EXACT,
    PREFIX,
    REGEX,
    PRESENCE
  }

  public static StringMatch exact(String v) {
    return new StringMatch(Type.EXACT, v, Pos.UNKNOWN);
  }

  public static StringMatch prefix(String v) {
    return new StringMatch(Type.PREFIX, v, Pos.UNKNOWN);
  }

  public static StringMatch regex(String v) {
    return new StringMatch(Type.REGEX, v, Pos.UNKNOWN);
  }
}
