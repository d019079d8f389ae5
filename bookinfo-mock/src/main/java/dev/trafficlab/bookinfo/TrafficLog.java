package dev.trafficlab.bookinfo;

import java.util.List;

/** A sandbox's bounded record of recent traffic (about the last 1,000 requests). */
public interface TrafficLog {
  void record(TrafficRecord record);

  /** The most recent records, oldest first, at most {@code limit}. */
  List<TrafficRecord> recent(int limit);

  /**
   * How many records were ever added (grows past the ring's size): lets pollers ask "anything
   * new?".
   */
  long total();
}
