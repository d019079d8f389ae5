package dev.trafficlab.server.lessons.markdown;

import static dev.trafficlab.terminal.files.SandboxFiles.HOME;
import static dev.trafficlab.terminal.files.SandboxFiles.ISTIO_HOME;

import dev.trafficlab.terminal.files.VirtualPaths;

/** Turns a path written in a lesson into the absolute sandbox path the editor opens. */
public final class LessonPaths {
  private LessonPaths() {}

  /**
   * Relative paths resolve under /root (the learner's home, where Katacoda scenarios put their
   * files); $ISTIO_HOME, ${ISTIO_HOME}, $HOME and ~ expand as the shell would; ".." never climbs
   * above /.
   */
  public static String resolve(String written) {
    String p = written.trim();
    p =
        p.replace("${ISTIO_HOME}", ISTIO_HOME)
            .replace("$ISTIO_HOME", ISTIO_HOME)
            .replace("${HOME}", HOME)
            .replace("$HOME", HOME);
    if (p.equals("~") || p.startsWith("~/")) {
      p = HOME + p.substring(1);
    }
    return VirtualPaths.normalize(HOME, p);
  }
}
