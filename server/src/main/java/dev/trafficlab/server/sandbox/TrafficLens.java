package dev.trafficlab.server.sandbox;

import java.time.Instant;

/**
 * How the learner looks at their sandbox's traffic: which time window, what they cleared, which
 * graph element they focus on. A view preference kept with the sandbox, so the Traffic tab's
 * periodic refresh keeps it.
 *
 * @param window "change" (since the last configuration change), "minute" or "all"
 * @param clearedAt records before this are hidden (null: nothing cleared)
 * @param focus a graph node or edge id the request list is filtered to, "" for none
 */
public record TrafficLens(String window, Instant clearedAt, String focus) {
  public static final TrafficLens DEFAULT = new TrafficLens("change", null, "");

  public TrafficLens withWindow(String w) {
    return new TrafficLens(w, clearedAt, focus);
  }

  public TrafficLens withClearedAt(Instant at) {
    return new TrafficLens(window, at, focus);
  }

  public TrafficLens withFocus(String f) {
    return new TrafficLens(window, clearedAt, f);
  }
}
