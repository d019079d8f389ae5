package dev.trafficlab.bookinfo.images;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the application containers of one sandbox wrote to stdout (kubectl logs POD -c APP), kept
 * bounded: the last {@link #LINES_PER_POD} lines of at most {@link #PODS} pods, the pod written to
 * least recently forgotten first. Each pod's start lines are not stored: {@link ContainerOutput}
 * derives them from its image.
 */
public final class ContainerLogs {
  public static final int LINES_PER_POD = 200;
  public static final int PODS = 64;

  private static final class PodLog {
    final Instant started;
    final ArrayDeque<String> lines = new ArrayDeque<>();

    PodLog(Instant started) {
      this.started = started;
    }
  }

  // Access order: the least recently written pod is evicted first.
  private final LinkedHashMap<String, PodLog> byPod = new LinkedHashMap<>(16, 0.75f, true);

  /** Appends one line to a pod's log. */
  public synchronized void append(String pod, String line) {
    PodLog log = podLog(pod);
    log.lines.addLast(line);
    while (log.lines.size() > LINES_PER_POD) {
      log.lines.removeFirst();
    }
  }

  /** When the lab first saw this pod's container write (its start, as far as the logs go). */
  public synchronized Instant started(String pod) {
    return podLog(pod).started;
  }

  /** The pod's lines, oldest first. */
  public synchronized List<String> lines(String pod) {
    PodLog log = byPod.get(pod);
    return log == null ? List.of() : new ArrayList<>(log.lines);
  }

  private PodLog podLog(String pod) {
    PodLog log = byPod.get(pod);
    if (log == null) {
      log = new PodLog(Instant.now());
      byPod.put(pod, log);
      if (byPod.size() > PODS) {
        Iterator<Map.Entry<String, PodLog>> eldest = byPod.entrySet().iterator();
        eldest.next();
        eldest.remove();
      }
    }
    return log;
  }
}
