package dev.trafficlab.bookinfo.workloads;

/** One Bookinfo application (all versions of it), as the code inside its pods behaves. */
@FunctionalInterface
public interface Workload {
  void handle(Inbound in);
}
