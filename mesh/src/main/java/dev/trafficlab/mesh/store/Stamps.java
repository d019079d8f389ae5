package dev.trafficlab.mesh.store;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

/** Server-side counters: resourceVersion, creation time and uids, monotonic per store. */
final class Stamps {
  /** Random uids, as an API server gives them. */
  static final Supplier<String> RANDOM_UIDS = () -> UUID.randomUUID().toString();

  long resourceVersion;
  Instant lastCreated;
  final Clock clock;
  private final Supplier<String> uids;

  Stamps(long resourceVersion, Instant lastCreated, Clock clock) {
    this(resourceVersion, lastCreated, clock, RANDOM_UIDS);
  }

  Stamps(long resourceVersion, Instant lastCreated, Clock clock, Supplier<String> uids) {
    this.resourceVersion = resourceVersion;
    this.lastCreated = lastCreated;
    this.clock = clock;
    this.uids = uids;
  }

  Stamps copy() {
    return new Stamps(resourceVersion, lastCreated, clock, uids);
  }

  /**
   * Uids that are the same in every process for the same seed and order of creations: a start state
   * shared by every sandbox (and by every server of one version) names its objects alike
   * everywhere, so a saved sandbox need not keep them.
   */
  static Supplier<String> namedUids(String seed) {
    long[] next = {0};
    return () ->
        UUID.nameUUIDFromBytes((seed + "#" + next[0]++).getBytes(StandardCharsets.UTF_8))
            .toString();
  }

  String nextUid() {
    return uids.get();
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
