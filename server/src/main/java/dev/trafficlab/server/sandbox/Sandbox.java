package dev.trafficlab.server.sandbox;

import dev.trafficlab.bookinfo.BookinfoMesh;
import dev.trafficlab.bookinfo.MeshContext;
import dev.trafficlab.bookinfo.TrafficLog;
import dev.trafficlab.bookinfo.TrafficRing;
import dev.trafficlab.mesh.store.ConfigStore;
import dev.trafficlab.mesh.store.Snapshot;
import dev.trafficlab.server.files.SandboxFiles;
import dev.trafficlab.server.lessons.LessonProgress;
import dev.trafficlab.server.terminal.ShellState;
import dev.trafficlab.server.terminal.TerminalContext;
import java.time.Instant;

/**
 * One learner's private world: cluster config, files, shell, lesson progress and traffic record. The id is the
 * secret that controls it; the page key only opens its product page. (Contract stub: the web-api work fills
 * this in: creation, expiry, reset.)
 */
public final class Sandbox implements TerminalContext, MeshContext {
  private final String id;
  private final String pageKey;
  private final Instant createdAt;
  private volatile Instant lastUsedAt;
  private final ConfigStore config;
  private final SandboxFiles files;
  private final ShellState shell = new ShellState();
  private final LessonProgress progress = new LessonProgress();
  private final TrafficRing traffic = new TrafficRing(1000);
  private final BookinfoMesh dataPlane;
  private final Snapshot start;

  public Sandbox(String id, String pageKey, Snapshot start, SandboxFiles files, BookinfoMesh dataPlane, Instant now) {
    this.id = id;
    this.pageKey = pageKey;
    this.start = start;
    this.config = new ConfigStore(start);
    this.files = files;
    this.dataPlane = dataPlane;
    this.createdAt = now;
    this.lastUsedAt = now;
  }

  public String id() {
    return id;
  }

  public String pageKey() {
    return pageKey;
  }

  public String productPagePath() {
    return "/bookinfo/" + pageKey + "/productpage";
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant lastUsedAt() {
    return lastUsedAt;
  }

  public void touch(Instant now) {
    lastUsedAt = now;
  }

  public LessonProgress progress() {
    return progress;
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
    config.reset(start);
    files.reset();
  }

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
}
