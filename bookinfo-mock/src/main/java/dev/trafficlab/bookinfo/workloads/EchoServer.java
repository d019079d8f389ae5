package dev.trafficlab.bookinfo.workloads;

import dev.trafficlab.bookinfo.images.FlaskJson;
import io.vertx.core.MultiMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stand-in for an image the lab does not know: whatever the container would have done, it
 * answers every request with 200 and a small JSON echo (method, path, headers, pod), and logs one
 * line a request, so that a learner's own Deployment is reachable and routable.
 */
final class EchoServer implements Workload {
  @Override
  public void handle(Inbound in) {
    MultiMap h = AppHeaders.of(in);
    Map<String, Object> headers = new TreeMap<>();
    for (String name : h.names()) {
      headers.put(name.toLowerCase(Locale.ROOT), String.join(",", h.getAll(name)));
    }
    Map<String, Object> echo = new LinkedHashMap<>();
    echo.put("method", in.request().method().name());
    echo.put("path", in.request().uri());
    echo.put("headers", headers);
    echo.put("pod", in.pod().name());
    in.json(200, FlaskJson.dumps(echo));
    in.log(in.request().method().name() + " " + in.request().uri() + " 200");
  }
}
