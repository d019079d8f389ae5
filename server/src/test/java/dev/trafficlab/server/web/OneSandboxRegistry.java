package dev.trafficlab.server.web;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.store.Snapshot;
import dev.trafficlab.server.lessons.Lesson;
import dev.trafficlab.server.lessons.LessonCatalog;
import dev.trafficlab.server.sandbox.Sandbox;
import dev.trafficlab.server.sandbox.SandboxRegistry;
import dev.trafficlab.server.sandbox.StartState;
import dev.trafficlab.terminal.files.SandboxFiles;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** A registry holding one sandbox that every browser gets: enough to drive the pages in tests. */
final class OneSandboxRegistry implements SandboxRegistry {
  static final LessonCatalog LESSONS = LessonCatalog.fromClasspath();
  volatile Sandbox sandbox;
  static final String BOOT_ID = "testboot";
  volatile boolean expired;

  OneSandboxRegistry(Snapshot start) {
    this.sandbox = newSandbox("sandbox-id-0123456789", start);
  }

  static Snapshot emptyCluster() {
    return Snapshot.empty(Inventory.bookinfo(), IstioProfile.ISTIO_1_8);
  }

  static Sandbox newSandbox(String id, Snapshot start) {
    Lesson lesson = LESSONS.defaultLesson();
    return new Sandbox(
        id,
        "page-key-" + id.hashCode(),
        lesson.id(),
        start,
        SandboxFiles.over(lesson.assets(), Clock.systemUTC()),
        null,
        Instant.now());
  }

  @Override
  public LessonCatalog lessons() {
    return LESSONS;
  }

  @Override
  public Optional<Sandbox> byId(String id) {
    return sandbox.id().equals(id) ? Optional.of(sandbox) : Optional.empty();
  }

  @Override
  public Optional<Sandbox> byPageKey(String pageKey) {
    return sandbox.pageKey().equals(pageKey) ? Optional.of(sandbox) : Optional.empty();
  }

  @Override
  public io.vertx.core.Future<Optional<Sandbox>> restore(String id) {
    return io.vertx.core.Future.succeededFuture(byId(id));
  }

  @Override
  public io.vertx.core.Future<Optional<Sandbox>> restoreByPageKey(String pageKey) {
    return io.vertx.core.Future.succeededFuture(byPageKey(pageKey));
  }

  @Override
  public Reservation reserve(Lesson lesson) {
    return new Reservation(sandbox.id(), sandbox.pageKey(), sandbox.csrfToken(), 0);
  }

  @Override
  public Lesson lessonOf(Reservation reservation) {
    return LESSONS.defaultLesson();
  }

  @Override
  public Optional<Reservation> reservation(String id) {
    return byId(id).map(s -> reserve());
  }

  @Override
  public Optional<Sandbox> use(String id, String clientAddress) {
    return byId(id);
  }

  @Override
  public Optional<Sandbox> useByPageKey(String pageKey, String clientAddress) {
    return byPageKey(pageKey);
  }

  /** Any other well-formed id was this registry's, and expired when {@link #expired} says so. */
  @Override
  public Fate fate(String id) {
    return sandbox.id().equals(id) ? Fate.LIVE : expired ? Fate.EXPIRED : Fate.UNKNOWN;
  }

  @Override
  public String bootId() {
    return BOOT_ID;
  }

  @Override
  public Duration idleTimeout() {
    return Duration.ofHours(2);
  }

  @Override
  public Sandbox create(Lesson lesson, StartState start, String clientAddress) {
    throw new IllegalStateException("this test registry holds exactly one sandbox");
  }

  @Override
  public boolean remove(String id) {
    return false;
  }

  @Override
  public int expireIdle() {
    return 0;
  }

  @Override
  public int size() {
    return 1;
  }
}
