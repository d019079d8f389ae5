package dev.trafficlab.bookinfo.sidecar;

import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.mesh.routing.ClusterTarget;
import dev.trafficlab.mesh.routing.Decision;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * What one hop through a sidecar produced.
 *
 * @param status HTTP status the caller got; 0 when the caller gave up first (flag DC)
 * @param responseFlags Envoy's flags: -, NR, NC, UH, UT, UF, URX, FI, DI, DI,FI, DC
 * @param target the weighted destination chosen, or null when none was (no route, redirect...)
 * @param pod the pod that answered, or null when no upstream was reached
 * @param upstreamPath the path sent upstream (after rewrite), or null
 * @param upstreamHeaders the headers sent upstream (after Envoy's additions and header operations),
 *     or null
 * @param delayMs injected delay, 0 when none
 * @param abortStatus injected abort status, 0 when none
 * @param mirroredTo the mirror cluster a copy went to, or null
 * @param attempts upstream attempts made
 */
public record HopResult(
    int status,
    String responseFlags,
    MultiMap headers,
    Buffer body,
    Decision decision,
    ClusterTarget target,
    Pod pod,
    String upstreamPath,
    MultiMap upstreamHeaders,
    double durationMs,
    long delayMs,
    int abortStatus,
    String mirroredTo,
    int attempts) {

  public String bodyText() {
    return body == null ? "" : body.toString();
  }

  /** The answering pod's version label ("" when no pod answered). */
  public String version() {
    return pod == null ? "" : pod.version();
  }
}
