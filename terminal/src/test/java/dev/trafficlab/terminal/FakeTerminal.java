package dev.trafficlab.terminal;

import dev.trafficlab.bookinfo.MeshContext;
import dev.trafficlab.bookinfo.TrafficLog;
import dev.trafficlab.bookinfo.TrafficRing;
import dev.trafficlab.bookinfo.app.BookinfoMesh;
import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.store.ConfigStore;
import dev.trafficlab.mesh.store.Snapshot;
import dev.trafficlab.terminal.files.AssetTree;
import dev.trafficlab.terminal.files.SandboxFiles;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A sandbox stand-in for shell tests: small file tree, a config store, a traffic ring. */
class FakeTerminal implements TerminalContext, MeshContext {
  static final Instant NOW = Instant.parse("2026-11-26T20:00:00Z");

  final SandboxFiles files;
  final ConfigStore config;
  final ShellState shell = new ShellState();
  final TrafficRing traffic = new TrafficRing(100);
  final Snapshot start;
  int resets;
  BookinfoMesh dataPlane;

  FakeTerminal(Map<String, String> files, Snapshot start) {
    this(SandboxFiles.over(AssetTree.of(files), Clock.fixed(NOW, ZoneOffset.UTC)), start);
  }

  FakeTerminal(SandboxFiles files, Snapshot start) {
    this.files = files;
    this.start = start;
    this.config = new ConfigStore(start);
  }

  FakeTerminal(Map<String, String> files) {
    this(files, Snapshot.empty(Inventory.bookinfo(), IstioProfile.ISTIO_1_8));
  }

  FakeTerminal() {
    this(
        Map.of(
            "/root/istio-1.8.1/samples/bookinfo/networking/a.yaml",
            "kind: A\n",
            "/root/istio-1.8.1/samples/bookinfo/networking/b.yaml",
            "kind: B\n",
            "/root/notes.txt",
            "one\ntwo\nthree\n"));
  }

  @Override
  public ConfigStore config() {
    return config;
  }

  @Override
  public SandboxFiles files() {
    return files;
  }

  @Override
  public ShellState shell() {
    return shell;
  }

  @Override
  public MeshContext mesh() {
    return this;
  }

  @Override
  public BookinfoMesh dataPlane() {
    return dataPlane;
  }

  @Override
  public void resetToLessonStart() {
    resets++;
    config.reset(start);
    files.reset();
  }

  private static final java.util.concurrent.atomic.AtomicInteger IDS =
      new java.util.concurrent.atomic.AtomicInteger();

  /** Each fake is its own sandbox, so one test's proxy counters never show in another's. */
  private final String id = "test-" + IDS.incrementAndGet();

  @Override
  public String sandboxId() {
    return id;
  }

  @Override
  public Snapshot snapshot() {
    return config.current();
  }

  @Override
  public TrafficLog traffic() {
    return traffic;
  }

  static ExecResult run(Shell shell, TerminalContext ctx, String line) {
    Future<ExecResult> f = shell.exec(ctx, line);
    try {
      return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
