package dev.trafficlab.server;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * When each step of the start ended, in milliseconds since the JVM started: printed with the
 * "listening" line, so an operator (and benchmarks/load/durability.py) sees where a slow start
 * went.
 */
final class StartupTimes {
  private record Mark(String step, long atMs) {}

  private final List<Mark> marks = new ArrayList<>();

  /** Milliseconds since the JVM started. */
  static long uptimeMs() {
    return ManagementFactory.getRuntimeMXBean().getUptime();
  }

  /** Records that this step has just ended; callable from any thread. */
  synchronized void mark(String step) {
    marks.add(new Mark(step, uptimeMs()));
  }

  /** "ready 1432 ms after the JVM started (store opened at 512, lessons read at 980, ...)" */
  synchronized String describe() {
    StringBuilder out = new StringBuilder("ready " + uptimeMs() + " ms after the JVM started (");
    for (int i = 0; i < marks.size(); i++) {
      out.append(i == 0 ? "" : ", ")
          .append(marks.get(i).step())
          .append(" at ")
          .append(marks.get(i).atMs());
    }
    return out.append(")").toString();
  }
}
