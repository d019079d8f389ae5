package dev.trafficlab.bookinfo.load;

import java.time.Instant;
import java.util.List;

/**
 * What a load run measured, in the order the answers came.
 *
 * @param startedAt when the run began
 * @param elapsedNanos from the first call sent to the last answer
 * @param threadCalls calls made by each thread
 * @param threadNanos how long each thread ran
 * @param sockets connections fortio opened (one per thread, and a new one after each answer that
 *     closed its connection)
 * @param interrupted true when the run was stopped before its end
 * @param capped true when the run stopped at {@link LoadSpec#MAX_CALLS}
 */
public record LoadReport(
    Instant startedAt,
    List<Call> calls,
    long elapsedNanos,
    int[] threadCalls,
    long[] threadNanos,
    int sockets,
    boolean interrupted,
    boolean capped) {

  /**
   * One call.
   *
   * @param status HTTP status (-1 when no answer came: the call failed)
   * @param nanos from sending to the whole answer
   * @param headerBytes the size of the status line and headers as fortio counts them (0 for a
   *     non-2xx answer, which fortio does not parse further)
   * @param totalBytes headers and body
   * @param at when the answer came
   */
  public record Call(int status, long nanos, int headerBytes, int totalBytes, Instant at) {}
}
