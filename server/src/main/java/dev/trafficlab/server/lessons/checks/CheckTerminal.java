package dev.trafficlab.server.lessons.checks;

import dev.trafficlab.bookinfo.MeshContext;
import dev.trafficlab.bookinfo.app.BookinfoMesh;
import dev.trafficlab.mesh.store.ConfigStore;
import dev.trafficlab.terminal.ShellState;
import dev.trafficlab.terminal.TerminalContext;
import dev.trafficlab.terminal.files.SandboxFiles;
import java.time.Instant;

/**
 * The sandbox as a check script sees it: the learner's cluster, files and mesh, but a shell state
 * of its own, so a check neither adds to the learner's history nor changes their variables or
 * working directory.
 */
public final class CheckTerminal implements TerminalContext {
  private final TerminalContext sandbox;
  private final ShellState shell = new ShellState();

  public CheckTerminal(TerminalContext sandbox) {
    this.sandbox = sandbox;
  }

  @Override
  public ConfigStore config() {
    return sandbox.config();
  }

  @Override
  public SandboxFiles files() {
    return sandbox.files();
  }

  @Override
  public ShellState shell() {
    return shell;
  }

  @Override
  public MeshContext mesh() {
    return sandbox.mesh();
  }

  @Override
  public BookinfoMesh dataPlane() {
    return sandbox.dataPlane();
  }

  @Override
  public void resetToLessonStart() {
    sandbox.resetToLessonStart();
  }

  @Override
  public Instant createdAt() {
    return sandbox.createdAt();
  }
}
