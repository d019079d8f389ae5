package dev.trafficlab.bookinfo.workloads;

import dev.trafficlab.bookinfo.images.ImageCatalogue;

/**
 * Istio's helloworld sample (Flask): /hello answers the version it was built as and the pod's name
 * (its HOSTNAME).
 */
final class HelloWorld implements Workload {
  @Override
  public void handle(Inbound in) {
    String path = in.path();
    if (path.equals("/hello")) {
      String version = ImageCatalogue.imageVersion(in.pod().image());
      if (version.isEmpty()) {
        version = in.pod().version();
      }
      in.reply(
          200,
          "text/html; charset=utf-8",
          "Hello version: " + version + ", instance: " + in.pod().name() + "\n");
    } else if (path.equals("/health")) {
      in.reply(200, "text/html; charset=utf-8", "Helloworld is healthy");
    } else {
      in.reply(404, "text/html", HttpBin.NOT_FOUND);
    }
  }
}
