package dev.trafficlab.server.sandbox;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a new sandbox has applied: the lesson start, or no Istio resources at all (Bookinfo runs in
 * both).
 */
public enum StartState {
  LESSON,
  NONE;

  /** The value of istioConfig in POST /api/sandboxes. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<StartState> byJsonName(String name) {
    return Arrays.stream(values()).filter(s -> s.jsonName().equals(name)).findFirst();
  }
}
