package dev.trafficlab.terminal;

import dev.trafficlab.bookinfo.MeshContext;
import dev.trafficlab.bookinfo.app.BookinfoMesh;
import dev.trafficlab.mesh.store.ConfigStore;
import dev.trafficlab.terminal.files.SandboxFiles;

/** What a shell needs from its sandbox. The sandbox implements it. */
public interface TerminalContext {
  ConfigStore config();

  SandboxFiles files();

  ShellState shell();

  /** The sandbox as the data plane sees it (for curl, kubectl exec, kubectl logs). */
  MeshContext mesh();

  BookinfoMesh dataPlane();

  /** Restores the lesson's start state (Istio resources and files), as cleanup.sh ends by doing. */
  void resetToLessonStart();

  /**
   * When the sandbox's cluster came up: the creation time of its Bookinfo pods, services and
   * namespaces (their AGE in kubectl get). Sandbox already has this method; the default is the time
   * this server started.
   */
  default java.time.Instant createdAt() {
    return ServerStart.INSTANT;
  }
}
