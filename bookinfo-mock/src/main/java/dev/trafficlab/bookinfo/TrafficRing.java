package dev.trafficlab.bookinfo;

import java.util.ArrayList;
import java.util.List;

/** A fixed-size ring of traffic records; thread-safe, O(1) per record. */
public final class TrafficRing implements TrafficLog {
  private final TrafficRecord[] ring;
  private long total;

  public TrafficRing(int capacity) {
    this.ring = new TrafficRecord[capacity];
  }

  @Override
  public synchronized void record(TrafficRecord record) {
    ring[(int) (total % ring.length)] = record;
    total++;
  }

  @Override
  public synchronized List<TrafficRecord> recent(int limit) {
    int n = (int) Math.min(Math.min(limit, ring.length), total);
    List<TrafficRecord> out = new ArrayList<>(n);
    for (long i = total - n; i < total; i++) {
      out.add(ring[(int) (i % ring.length)]);
    }
    return out;
  }

  @Override
  public synchronized long total() {
    return total;
  }
}
