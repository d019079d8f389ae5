package dev.trafficlab.e2e;

import java.net.URI;
import java.nio.file.Path;

/**
 * What every test gets: the running lab, its JSON API and the lesson sources it serves. Closing it
 * (JUnit does, at the end of the run) stops the server.
 */
record Lab(LabServer server, LabApi api, Path scenarios, URI front) implements AutoCloseable {

  /** Learners reach the server directly. */
  Lab(LabServer server, LabApi api, Path scenarios) {
    this(server, api, scenarios, server.base());
  }

  @Override
  public void close() {
    server.close();
  }

  /** Where learners reach the lab: the server, or a load balancer in front of several. */
  URI base() {
    return front;
  }

  String url(String path) {
    return front + path;
  }

  /** A sample file of the lesson assets, as the lab serves it under {@code $ISTIO_HOME}. */
  Path sample(String networkingFile) {
    return scenarios
        .resolve("assets/istio-1.8.1/samples/bookinfo/networking")
        .resolve(networkingFile);
  }
}
