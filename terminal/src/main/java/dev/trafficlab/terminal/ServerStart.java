package dev.trafficlab.terminal;

import java.time.Instant;

/**
 * When this server process started (the fallback creation time of the read-only Bookinfo objects).
 */
final class ServerStart {
  static final Instant INSTANT = Instant.now();

  private ServerStart() {}
}
