package dev.trafficlab.server.lessons.imports;

/**
 * The scripts a scenario page runs when it opens, as the index names them: Katacoda's {@code code}
 * or Killercoda's {@code foreground} (shown in the learner's terminal), Katacoda's {@code
 * courseData} or Killercoda's {@code background} (hidden). Empty text: none.
 */
public record PageScripts(String foreground, String background) {
  public static final PageScripts NONE = new PageScripts("", "");

  public boolean isEmpty() {
    return foreground.isBlank() && background.isBlank();
  }
}
