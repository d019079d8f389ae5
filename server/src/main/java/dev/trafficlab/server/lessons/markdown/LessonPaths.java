package dev.trafficlab.server.lessons.markdown;

import dev.trafficlab.server.files.VirtualPaths;

/** Turns a path written in a lesson into the absolute sandbox path the editor opens. */
public final class LessonPaths {
  public static final String HOME = "/root";
  public static final String ISTIO_HOME = "/root/istio-1.8.1";

  private LessonPaths() {}

  /**
   * Relative paths resolve under /root (the learner's home, where Katacoda scenarios put their files);
   * $ISTIO_HOME, ${ISTIO_HOME}, $HOME and ~ expand as the shell would; ".." never climbs above /.
   */
  public static String resolve(String written) {
    String p = written.trim();
    p = p.replace("${ISTIO_HOME}", ISTIO_HOME).replace("$ISTIO_HOME", ISTIO_HOME)
        .replace("${HOME}", HOME).replace("$HOME", HOME);
    if (p.equals("~") || p.startsWith("~/")) {
      p = HOME + p.substring(1);
    }
    return VirtualPaths.normalize(HOME, p);
  }
}
