package dev.trafficlab.bookinfo;

import dev.trafficlab.mesh.store.Snapshot;

/**
 * What the data plane needs from a sandbox: its current config and where to record traffic. The
 * server implements it.
 */
public interface MeshContext {
  String sandboxId();

  /**
   * The sandbox's current snapshot; read once per hop, so an apply never changes a request mid-hop.
   */
  Snapshot snapshot();

  TrafficLog traffic();
}
