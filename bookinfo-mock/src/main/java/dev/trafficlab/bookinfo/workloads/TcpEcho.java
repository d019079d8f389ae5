package dev.trafficlab.bookinfo.workloads;

/**
 * Istio's tcp-echo server speaks raw TCP, which the lab's data plane does not carry yet: an HTTP
 * request to it gets a plain answer saying so rather than a made-up echo.
 */
final class TcpEcho implements Workload {
  static final String MESSAGE =
      "Traffic Lab: tcp-echo is a TCP echo server, and the lab carries only HTTP for now: "
          + "TCP lessons are not available yet.\n";

  @Override
  public void handle(Inbound in) {
    in.reply(501, "text/plain", MESSAGE);
  }
}
