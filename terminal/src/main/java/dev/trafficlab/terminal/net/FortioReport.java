package dev.trafficlab.terminal.net;

import dev.trafficlab.bookinfo.load.LoadReport;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** fortio 1.11's text report of a load run, from what the run measured. */
final class FortioReport {
  private FortioReport() {}

  static final String VERSION = "1.11.3";

  /** The pod's processor count, as fortio prints it (2->2 procs, [gomax 2]). */
  static final int PROCS = 2;

  /** fortio's default latency percentiles (-p). */
  static final double[] PERCENTILES = {50, 75, 90, 99, 99.9};

  /** fortio's histogram bucket ends, in units of the resolution (1 ms). */
  private static final int[] BUCKETS = {
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 16, 18, 20, 25, 30, 35, 40, 45, 50, 60, 70, 80,
    90, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 2000, 3000, 4000, 5000, 7500, 10000,
    20000, 30000, 40000, 50000, 75000, 100000
  };

  private static final double RESOLUTION = 0.001;

  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** fortio's log levels, in order. */
  static final List<String> LEVELS =
      List.of("Debug", "Verbose", "Info", "Warning", "Error", "Critical", "Fatal");

  static String clock(Instant at) {
    return CLOCK.format(at);
  }

  /** The lines fortio prints before the run: its banner and the plan. */
  static String banner(String url, double qps, int threads, int calls, long durationMs) {
    String forWhat = calls > 0 ? calls + " calls" : GoFormat.duration(durationMs * 1_000_000L);
    StringBuilder b = new StringBuilder();
    b.append("Fortio ")
        .append(VERSION)
        .append(" running at ")
        .append(GoFormat.g(qps))
        .append(" queries per second, ")
        .append(PROCS)
        .append("->")
        .append(PROCS)
        .append(" procs, for ")
        .append(forWhat)
        .append(": ")
        .append(url)
        .append('\n');
    return b.toString();
  }

  static String plan(double qps, int threads, int calls, long durationMs) {
    StringBuilder b = new StringBuilder();
    b.append(qps > 0 ? "Starting at " + GoFormat.g(qps) + " qps" : "Starting at max qps")
        .append(" with ")
        .append(threads)
        .append(" thread(s) [gomax ")
        .append(PROCS)
        .append("] ");
    if (calls > 0) {
      b.append("for exactly ")
          .append(calls)
          .append(" calls (")
          .append(calls / threads)
          .append(" per thread + ")
          .append(calls % threads)
          .append(")\n");
    } else {
      b.append("for ").append(GoFormat.duration(durationMs * 1_000_000L)).append('\n');
    }
    return b.toString();
  }

  /** Everything after the run: totals, latency histogram, sockets, codes and sizes. */
  static String results(LoadReport r, int threads) {
    StringBuilder b = new StringBuilder();
    int n = r.calls().size();
    double seconds = r.elapsedNanos() / 1e9;
    double qps = seconds > 0 ? n / seconds : 0;
    b.append("Ended after ")
        .append(GoFormat.duration(r.elapsedNanos()))
        .append(" : ")
        .append(n)
        .append(" calls. qps=")
        .append(GoFormat.g(qps, 5))
        .append('\n');
    double[] times = new double[n];
    double[] headerSizes = new double[n];
    double[] totalSizes = new double[n];
    Map<Integer, Integer> codes = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      LoadReport.Call c = r.calls().get(i);
      times[i] = c.nanos() / 1e9;
      headerSizes[i] = c.headerBytes();
      totalSizes[i] = c.totalBytes();
      codes.merge(c.status(), 1, Integer::sum);
    }
    histogram(b, "Aggregated Function Time", times);
    b.append("Sockets used: ")
        .append(r.sockets())
        .append(" (for perfect keepalive, would be ")
        .append(threads)
        .append(")\n");
    b.append("Jitter: false\n");
    codes.forEach(
        (code, count) ->
            b.append(
                String.format(
                    Locale.ROOT, "Code %3d : %d (%.1f %%)\n", code, count, 100.0 * count / n)));
    counter(b, "Response Header Sizes", headerSizes);
    counter(b, "Response Body/Total Sizes", totalSizes);
    double avgMs = n == 0 ? 0 : sum(times) / n * 1000;
    b.append(
        String.format(
            Locale.ROOT,
            "All done %d calls (plus 0 warmup) %.3f ms avg, %.1f qps\n",
            n,
            avgMs,
            qps));
    return b.toString();
  }

  private static double sum(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s;
  }

  /** fortio's Counter line: count, avg, stddev, min, max, sum. */
  private static void counter(StringBuilder b, String title, double[] v) {
    if (v.length == 0) {
      b.append(title).append(" : no data\n");
      return;
    }
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    double sum = 0;
    double sumSquares = 0;
    for (double x : v) {
      min = Math.min(min, x);
      max = Math.max(max, x);
      sum += x;
      sumSquares += x * x;
    }
    double avg = sum / v.length;
    double stddev = Math.sqrt(Math.max(0, sumSquares / v.length - avg * avg));
    b.append(title)
        .append(" : count ")
        .append(v.length)
        .append(" avg ")
        .append(GoFormat.g(avg, 8))
        .append(" +/- ")
        .append(GoFormat.g(stddev, 4))
        .append(" min ")
        .append(GoFormat.g(min))
        .append(" max ")
        .append(GoFormat.g(max))
        .append(" sum ")
        .append(GoFormat.g(sum, 9))
        .append('\n');
  }

  private record Bucket(double start, double end, double percent, int count) {}

  /** The counter line, then the buckets that hold values and the target percentiles. */
  private static void histogram(StringBuilder b, String title, double[] v) {
    counter(b, title, v);
    if (v.length == 0) {
      return;
    }
    int[] counts = new int[BUCKETS.length + 1];
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (double x : v) {
      min = Math.min(min, x);
      max = Math.max(max, x);
      // Intervals are open on the left: a value exactly on a bucket's start belongs to the one
      // before.
      double scaled = x / RESOLUTION - 0.0001;
      int idx;
      if (scaled <= BUCKETS[0]) {
        idx = 0;
      } else if (scaled > BUCKETS[BUCKETS.length - 1]) {
        idx = BUCKETS.length;
      } else {
        int s = (int) scaled;
        idx = 1;
        while (idx < BUCKETS.length && BUCKETS[idx] <= s) {
          idx++;
        }
      }
      counts[idx]++;
    }
    List<Bucket> data = new ArrayList<>();
    int prev = BUCKETS[0];
    int total = 0;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] == 0) {
        if (i < BUCKETS.length) {
          prev = BUCKETS[i];
        }
        continue;
      }
      total += counts[i];
      double start = data.isEmpty() ? min : prev * RESOLUTION;
      double end;
      if (i < BUCKETS.length) {
        end = BUCKETS[i] * RESOLUTION;
        prev = BUCKETS[i];
      } else {
        end = max;
      }
      data.add(new Bucket(start, end, 100.0 * total / v.length, counts[i]));
    }
    Bucket last = data.get(data.size() - 1);
    data.set(data.size() - 1, new Bucket(last.start(), max, last.percent(), last.count()));
    b.append("# range, mid point, percentile, count\n");
    for (int i = 0; i < data.size(); i++) {
      Bucket d = data.get(i);
      b.append(i == 0 ? ">= " : "> ")
          .append(GoFormat.g(d.start(), 6))
          .append(" <= ")
          .append(GoFormat.g(d.end(), 6))
          .append(" , ")
          .append(GoFormat.g((d.start() + d.end()) / 2, 6))
          .append(" , ")
          .append(String.format(Locale.ROOT, "%.2f", d.percent()))
          .append(", ")
          .append(d.count())
          .append('\n');
    }
    for (double p : PERCENTILES) {
      b.append("# target ")
          .append(GoFormat.g(p))
          .append("% ")
          .append(GoFormat.g(percentile(data, p, min, max), 6))
          .append('\n');
    }
  }

  /** Linear interpolation inside the bucket the percentile falls in, as fortio computes it. */
  private static double percentile(List<Bucket> data, double p, double min, double max) {
    if (p >= 100) {
      return max;
    }
    Bucket first = data.get(0);
    if (p <= first.percent()) {
      return min + (first.end() - min) * p / first.percent();
    }
    for (int i = 1; i < data.size(); i++) {
      Bucket cur = data.get(i);
      if (p <= cur.percent()) {
        Bucket prev = data.get(i - 1);
        return cur.start()
            + (cur.end() - cur.start()) * (p - prev.percent()) / (cur.percent() - prev.percent());
      }
    }
    return max;
  }
}
