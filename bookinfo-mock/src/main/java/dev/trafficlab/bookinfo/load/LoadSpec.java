package dev.trafficlab.bookinfo.load;

import java.util.Map;

/**
 * One fortio load run: {@code threads} connections, each sending its share of {@code calls} (or,
 * when calls is 0, sending until {@code durationMs} has passed), paced to {@code qps} in total (0:
 * as fast as the answers come).
 *
 * @param fromPod the pod whose sidecar the requests leave through (fortio's own)
 * @param host host as called, port in {@code port} (null when the URL had none)
 * @param path path with query string
 * @param headers request headers (host, user-agent...)
 */
public record LoadSpec(
    String fromPod,
    String host,
    Integer port,
    String path,
    Map<String, String> headers,
    int threads,
    double qps,
    int calls,
    long durationMs) {

  /** The most calls one run makes; a longer run stops there. */
  public static final int MAX_CALLS = 500;

  /** The longest a run may last. */
  public static final long MAX_DURATION_MS = 30_000;

  /** The most connections (fortio -c) a run may open. */
  public static final int MAX_THREADS = 64;

  public LoadSpec {
    headers = Map.copyOf(headers);
    if (threads < 1 || threads > MAX_THREADS) {
      throw new IllegalArgumentException(
          "-c must be between 1 and " + MAX_THREADS + " in Traffic Lab, got " + threads);
    }
    if (calls < 0 || calls > MAX_CALLS) {
      throw new IllegalArgumentException(
          "-n must be at most " + MAX_CALLS + " in Traffic Lab, got " + calls);
    }
    if (calls == 0 && (durationMs <= 0 || durationMs > MAX_DURATION_MS)) {
      throw new IllegalArgumentException(
          "-t must be between 1ms and " + MAX_DURATION_MS / 1000 + "s in Traffic Lab");
    }
    if (qps < 0) {
      throw new IllegalArgumentException("-qps must not be negative");
    }
  }

  /** Calls thread {@code i} makes in an exact run: its share, the first ones one more. */
  public int callsOf(int i) {
    return calls / threads + (i < calls % threads ? 1 : 0);
  }
}
