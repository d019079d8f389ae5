package dev.trafficlab.e2e;

import java.net.URI;
import java.nio.file.Path;

/**
 * What every test gets: the running lab, its JSON API and the lesson sources it serves. Closing it
 * (JUnit does, at the end of the run) stops the server.
 */
record Lab(LabServer server, LabApi api, Path scenarios) implements AutoCloseable {

  @Override
  public void close() {
    server.close();
  }

  URI base() {
    return server.base();
  }

  String url(String path) {
    return server.url(path);
  }

  /** A sample file of the lesson assets, as the lab serves it under {@code $ISTIO_HOME}. */
  Path sample(String networkingFile) {
    return scenarios
        .resolve("assets/istio-1.8.1/samples/bookinfo/networking")
        .resolve(networkingFile);
  }
}
