package dev.trafficlab.bookinfo.images;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the application containers of one sandbox wrote to stdout (kubectl logs POD -c APP), kept
 * bounded: the last {@link #LINES_PER_POD} lines of at most {@link #PODS} pods and {@link
 * #MAX_CHARS} characters in all, the oldest lines of the pod written to least recently dropped
 * first. Fixed lines an image prints are not stored: {@link ContainerOutput} derives them.
 */
public final class ContainerLogs {
  public static final int LINES_PER_POD = 100;
  public static final int PODS = 32;

  /** About 64 KB of text per sandbox at most, whatever the learner sends. */
  public static final int MAX_CHARS = 32 * 1024;

  private static final int MAX_LINE = 1024;

  private int chars;

  private static final class PodLog {
    final ArrayDeque<String> lines = new ArrayDeque<>();
  }

  // Access order: the least recently written pod is evicted first.
  private final LinkedHashMap<String, PodLog> byPod = new LinkedHashMap<>(16, 0.75f, true);

  /** Appends one line to a pod's log. */
  public synchronized void append(String pod, String line) {
    String l = line.length() > MAX_LINE ? line.substring(0, MAX_LINE) : line;
    PodLog log = podLog(pod);
    log.lines.addLast(l);
    chars += l.length();
    while (log.lines.size() > LINES_PER_POD) {
      chars -= log.lines.removeFirst().length();
    }
    Iterator<Map.Entry<String, PodLog>> it = byPod.entrySet().iterator();
    while (chars > MAX_CHARS && it.hasNext()) {
      PodLog eldest = it.next().getValue();
      while (chars > MAX_CHARS && !eldest.lines.isEmpty()) {
        chars -= eldest.lines.removeFirst().length();
      }
    }
  }

  /** The pod's lines, oldest first. */
  public synchronized List<String> lines(String pod) {
    PodLog log = byPod.get(pod);
    return log == null ? List.of() : new ArrayList<>(log.lines);
  }

  private PodLog podLog(String pod) {
    PodLog log = byPod.get(pod);
    if (log == null) {
      log = new PodLog();
      byPod.put(pod, log);
      if (byPod.size() > PODS) {
        Iterator<Map.Entry<String, PodLog>> eldest = byPod.entrySet().iterator();
        for (String gone : eldest.next().getValue().lines) {
          chars -= gone.length();
        }
        eldest.remove();
      }
    }
    return log;
  }
}
