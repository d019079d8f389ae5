package dev.trafficlab.server.durable;

import java.time.Instant;

/**
 * A sandbox as a vault holds it: the keys it is found by, its version (1 for the first save, one
 * more each save after) and its encoded state.
 */
public record StoredSandbox(
    String id, String pageKey, long version, Instant lastUsedAt, byte[] state) {}
