package dev.trafficlab.bookinfo.stats;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** istio_request_duration_milliseconds of one series: Istio 1.8's default bucket bounds. */
final class Histogram {
  static final double[] BOUNDS = {
    0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000,
    1800000, 3600000
  };

  private final AtomicLongArray buckets = new AtomicLongArray(BOUNDS.length);
  private final LongAdder count = new LongAdder();
  private final DoubleAdder sum = new DoubleAdder();

  void record(double ms) {
    for (int i = 0; i < BOUNDS.length; i++) {
      if (ms <= BOUNDS[i]) {
        buckets.incrementAndGet(i);
        break;
      }
    }
    count.increment();
    sum.add(ms);
  }

  long count() {
    return count.sum();
  }

  double sum() {
    return sum.sum();
  }

  /** Observations at or below BOUNDS[i] (cumulative, as Prometheus buckets are). */
  long cumulative(int i) {
    long c = 0;
    for (int j = 0; j <= i; j++) {
      c += buckets.get(j);
    }
    return c;
  }

  /**
   * The q-quantile, interpolated inside its bucket (Envoy's own histograms are approximate too);
   * NaN when empty.
   */
  double quantile(double q) {
    long n = count();
    if (n == 0) {
      return Double.NaN;
    }
    double rank = q * n;
    long seen = 0;
    for (int i = 0; i < BOUNDS.length; i++) {
      long b = buckets.get(i);
      if (b > 0 && seen + b >= rank) {
        double lo = i == 0 ? 0 : BOUNDS[i - 1];
        return lo + (BOUNDS[i] - lo) * Math.max(0, rank - seen) / b;
      }
      seen += b;
    }
    return BOUNDS[BOUNDS.length - 1];
  }
}
