package dev.trafficlab.bookinfo.workloads;

/**
 * A container that listens on no port (sleep): a connection to it is refused, which its sidecar
 * reports as Envoy does (503, upstream connect error).
 */
final class NoListener implements Workload {
  static final NoListener INSTANCE = new NoListener();

  private NoListener() {}

  @Override
  public void handle(Inbound in) {
    in.request().connection().close();
  }
}
