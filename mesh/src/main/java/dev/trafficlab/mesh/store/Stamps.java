package dev.trafficlab.mesh.store;

import java.time.Clock;
import java.time.Instant;

/** Server-side counters: resourceVersion and creation time, monotonic per store. */
final class Stamps {
  long resourceVersion;
  Instant lastCreated;
  final Clock clock;

  Stamps(long resourceVersion, Instant lastCreated, Clock clock) {
    this.resourceVersion = resourceVersion;
    this.lastCreated = lastCreated;
    this.clock = clock;
  }

  Stamps copy() {
    return new Stamps(resourceVersion, lastCreated, clock);
  }

  String nextResourceVersion() {
    return Long.toString(++resourceVersion);
  }

  /**
   * Strictly after every earlier creation, so "the older VirtualService wins" follows apply order.
   */
  Instant nextCreation() {
    Instant now = clock.instant();
    if (lastCreated != null && !now.isAfter(lastCreated)) {
      now = lastCreated.plusMillis(1);
    }
    lastCreated = now;
    return now;
  }
}
