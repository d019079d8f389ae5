package dev.trafficlab.mesh.store;

import dev.trafficlab.mesh.model.Pos;
import java.util.List;

/**
 * Why one document was refused, as data: {@link KubectlPrinter} words it as kubectl 1.19 does.
 *
 * @param reason the kind of refusal
 * @param request what kubectl was doing when it failed
 * @param message the problem in the words of whoever found it (the API server's status message, or
 *     the error kubectl's client code raised), without kubectl's framing
 * @param causes the individual problems, each with its position (field errors, webhook errors, the
 *     missing apiVersion or kind); empty when there is only the message
 * @param line 1-based line of the offending node; null when unknown
 * @param column 1-based column of the offending node; null when unknown
 */
public record Failure(
    Reason reason,
    Request request,
    String message,
    List<Cause> causes,
    Integer line,
    Integer column) {

  public Failure {
    causes = causes == null ? List.of() : List.copyOf(causes);
  }

  static Failure of(Reason reason, Request request, String message, Pos pos) {
    return new Failure(
        reason, request, message, List.of(), ApplyEngine.line(pos), ApplyEngine.col(pos));
  }

  static Failure of(Reason reason, Request request, String message, List<Cause> causes, Pos pos) {
    return new Failure(
        reason, request, message, causes, ApplyEngine.line(pos), ApplyEngine.col(pos));
  }
}
