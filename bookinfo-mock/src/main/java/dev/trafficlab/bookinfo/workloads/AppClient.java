package dev.trafficlab.bookinfo.workloads;

import dev.trafficlab.bookinfo.sidecar.HopResult;
import dev.trafficlab.bookinfo.sidecar.Outbound;
import dev.trafficlab.bookinfo.sidecar.Sidecar;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;

/**
 * An application's HTTP client: plain GETs to service:9080 that its sidecar intercepts, with the
 * app's timeout.
 */
final class AppClient {
  private final Sidecar sidecar;

  AppClient(Sidecar sidecar) {
    this.sidecar = sidecar;
  }

  Future<HopResult> get(
      Inbound from, String service, String path, MultiMap headers, long timeoutMs) {
    return sidecar.send(
        from.ctx(),
        new Outbound(
            from.pod().name(), service, 9080, HttpMethod.GET, path, headers, null, timeoutMs));
  }
}
