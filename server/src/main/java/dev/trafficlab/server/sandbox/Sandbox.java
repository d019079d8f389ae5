package dev.trafficlab.server.sandbox;

import dev.trafficlab.bookinfo.MeshContext;
import dev.trafficlab.bookinfo.TrafficLog;
import dev.trafficlab.bookinfo.TrafficRing;
import dev.trafficlab.bookinfo.app.BookinfoMesh;
import dev.trafficlab.bookinfo.vertx.VertxContexts;
import dev.trafficlab.mesh.store.ConfigStore;
import dev.trafficlab.mesh.store.Snapshot;
import dev.trafficlab.server.lessons.LessonProgress;
import dev.trafficlab.server.lessons.LessonStep;
import dev.trafficlab.server.lessons.checks.CheckContext;
import dev.trafficlab.server.lessons.checks.CheckResult;
import dev.trafficlab.terminal.ShellState;
import dev.trafficlab.terminal.TerminalContext;
import dev.trafficlab.terminal.files.AssetTree;
import dev.trafficlab.terminal.files.SandboxFiles;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Supplier;

/**
 * One learner's private world: cluster config, files, shell, lesson progress and traffic record.
 * The id is the secret that controls it; the page key only opens its product page; the CSRF token
 * guards its state-changing requests made from the app's pages.
 *
 * <p>One rule for its state (docs/threading.md): every change (terminal commands, applies, file
 * writes, resets, lesson progress) runs through {@link #serially}, one at a time on the sandbox's
 * own worker context; readers on any thread see immutable snapshots (the config {@link Snapshot},
 * the files' tree, the history list), and a reset swaps config and files as one step for them
 * ({@link #observe}).
 *
 * <p>Durable state: {@link #image()} captures what the sandbox keeps as one value and {@link
 * #restore} makes an equal sandbox from it (in another process, on another server). A registry that
 * saves sandboxes sets one {@link ChangeListener} with {@link #onChange}: after every {@link
 * #serially} or {@link #alongside} task that changed kept state (an apply or delete, a file
 * written, a command line run, a check passed, the step moved), the change counter ({@link
 * #changeCount()}, monotonic, carried over by image and restore) goes up by one and the listener is
 * called on the sandbox's worker context, where the state holds still: it captures {@link #image()}
 * there and returns a future that completes once the image is saved. The task's answer (the
 * command's output, the API's reply) waits for that future, so what the learner was told happened
 * is saved before they are told; the listener's failure becomes the task's failure. Changes made
 * outside those tasks (the step shown, terminal scrollback written by sessions) are saved with the
 * next counted change.
 */
public final class Sandbox implements TerminalContext, MeshContext {
  private final String id;
  private final String pageKey;
  private final String csrfToken;
  private final String lessonId;
  private final StartState startState;
  private final Instant createdAt;
  private volatile Instant lastUsedAt;
  private final ConfigStore config;
  private final SandboxFiles files;
  private final ShellState shell;
  private final LessonProgress progress = new LessonProgress();
  private final TerminalTabs terminals = new TerminalTabs();
  private final java.util.Set<String> pagesOpened =
      java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final TrafficRing traffic = new TrafficRing(1000);
  private volatile TrafficLens trafficLens = TrafficLens.DEFAULT;
  private final java.util.concurrent.atomic.AtomicLong userGeneration =
      new java.util.concurrent.atomic.AtomicLong();
  private final BookinfoMesh dataPlane;
  private final Snapshot start;
  private final SerialQueue queue;
  private volatile ChangeListener changeListener;
  private volatile ChangeGate gate;
  // written only after a task, on the worker context (one at a time)
  private volatile long changeCount;
  private Marks savedMarks;
  // Held only while a reset swaps the config and the files, so no reader sees one reset and not the
  // other.
  private final StampedLock resetting = new StampedLock();

  public Sandbox(
      String id,
      String pageKey,
      String csrfToken,
      String lessonId,
      StartState startState,
      Snapshot start,
      SandboxFiles files,
      BookinfoMesh dataPlane,
      Clock clock) {
    this(id, pageKey, csrfToken, lessonId, startState, start, files, dataPlane, clock, null);
  }

  private Sandbox(
      String id,
      String pageKey,
      String csrfToken,
      String lessonId,
      StartState startState,
      Snapshot start,
      SandboxFiles files,
      BookinfoMesh dataPlane,
      Clock clock,
      Instant createdAt) {
    this.id = id;
    this.pageKey = pageKey;
    this.csrfToken = csrfToken;
    this.lessonId = lessonId;
    this.startState = startState;
    this.start = start;
    // Objects the learner creates get their creationTimestamp from the same clock as the sandbox.
    // what applied resources hold beyond the start state counts against the sandbox's memory, as
    // files do
    this.config =
        new ConfigStore(start, clock, (before, after) -> files.memory().charge(after - before));
    this.files = files;
    this.shell = new ShellState(files.memory());
    this.dataPlane = dataPlane;
    this.queue =
        dataPlane == null
            ? new SerialQueue()
            : new SerialQueue(() -> VertxContexts.newWorker(dataPlane.vertx()));
    this.createdAt = createdAt == null ? clock.instant() : createdAt;
    this.lastUsedAt = this.createdAt;
    this.savedMarks = marks();
  }

  /** A lesson-start sandbox with a fresh random CSRF token (tests that build one directly). */
  public Sandbox(
      String id,
      String pageKey,
      String lessonId,
      Snapshot start,
      SandboxFiles files,
      BookinfoMesh dataPlane,
      Instant now) {
    this(
        id,
        pageKey,
        new Secrets().newToken(),
        lessonId,
        StartState.LESSON,
        start,
        files,
        dataPlane,
        Clock.fixed(now, ZoneOffset.UTC));
  }

  public String id() {
    return id;
  }

  public String pageKey() {
    return pageKey;
  }

  /** The token pages send as X-CSRF-Token (and forms as _csrf) on state-changing requests. */
  public String csrfToken() {
    return csrfToken;
  }

  /**
   * The id of the lesson this sandbox was created for: its start state and files are that lesson's.
   */
  public String lessonId() {
    return lessonId;
  }

  public StartState startState() {
    return startState;
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

  /**
   * True the first time a page of the lesson ("intro", "step2", "finish") opens in this sandbox: an
   * imported scenario's page scripts run then, once.
   */
  public boolean firstOpening(String page) {
    return pagesOpened.add(page);
  }

  /** The sandbox's terminals in the browser: their scrollback and open sessions. */
  public TerminalTabs terminals() {
    return terminals;
  }

  /**
   * Runs a step's check on the current state (call it in {@link #serially}: a shell check runs its
   * script in this sandbox); a pass is remembered in the lesson progress.
   */
  public Future<CheckResult> check(String lesson, LessonStep step) {
    return step.check()
        .evaluate(new CheckContext(snapshot(), shell.ranCommands(), this))
        .map(
            result -> {
              if (result.passed()) {
                progress.markPassed(lesson, step.number());
              }
              return result;
            });
  }

  /**
   * Runs a change to this sandbox after every change submitted before it ended, as one shell would:
   * a command that waits (sleep, a delayed curl) holds back the next, so history, working
   * directory, files and config change in order. The change runs off the event loops, on the
   * sandbox's worker context (when the sandbox has a data plane); the answer arrives on the
   * caller's context.
   */
  public <T> Future<T> serially(Supplier<Future<T>> change) {
    return queue.submit(() -> gated(change, false));
  }

  /**
   * Runs a terminal session's command line on the sandbox's worker context without waiting for the
   * queue, and without holding it: a `watch` or a sleeping loop in one terminal must not stall the
   * other terminals, the editor or Reset behind it, as a second terminal on a real machine is not
   * stalled. The worker context runs one task at a time, so a change made by this line and a queued
   * change never run at once; they interleave only where one of them waits (a timer, a request), as
   * two shells on one cluster do.
   */
  public <T> Future<T> alongside(Supplier<Future<T>> line) {
    return queue.alongside(() -> gated(line, true));
  }

  /**
   * Asked before each task of {@link #serially} or {@link #alongside}: a registry whose sandboxes
   * several servers share takes this server's turn at changing the sandbox here (and refuses the
   * task when its copy is stale or the store is away); the turn ends once the task's change is
   * saved. Called on the sandbox's worker context.
   */
  @FunctionalInterface
  public interface ChangeGate {
    /**
     * Answers how to end the turn; a failure refuses the task with that failure.
     *
     * @param line true for a terminal line ({@link #alongside}), which may run long
     */
    Future<Supplier<Future<Void>>> enter(Sandbox sandbox, boolean line);

    /**
     * True when the store holds a newer version of the sandbox than this copy (a change made
     * through another server); false when it could not tell. A read, never a turn.
     */
    default Future<Boolean> staleCopy(Sandbox sandbox) {
      return Future.succeededFuture(false);
    }
  }

  /**
   * True when this copy is older than the one the store holds (see {@link ChangeGate#staleCopy});
   * false without a gate.
   */
  public Future<Boolean> staleCopy() {
    ChangeGate g = gate;
    return g == null ? Future.succeededFuture(false) : g.staleCopy(this);
  }

  /** Sets the gate every task passes (see {@link ChangeGate}); none: tasks run at once. */
  public void gateChanges(ChangeGate gate) {
    this.gate = gate;
  }

  private <T> Future<T> gated(Supplier<Future<T>> task, boolean line) {
    ChangeGate g = gate;
    if (g == null) {
      return counted(task);
    }
    Future<Supplier<Future<Void>>> entered;
    try {
      entered = g.enter(this, line);
    } catch (RuntimeException e) {
      entered = Future.failedFuture(e);
    }
    return entered.compose(
        exit ->
            counted(task)
                .transform(
                    ended ->
                        exit.get()
                            .transform(
                                exited ->
                                    ended.succeeded()
                                        ? Future.succeededFuture(ended.result())
                                        : Future.<T>failedFuture(ended.cause()))));
  }

  /**
   * Runs the task; once it ended (either way), counts a change when kept state changed and lets the
   * listener save it before the task's answer goes out.
   */
  private <T> Future<T> counted(Supplier<Future<T>> task) {
    Future<T> ran;
    try {
      ran = task.get();
    } catch (RuntimeException | StackOverflowError e) {
      ran = Future.failedFuture(e);
    }
    // the task may end on another context (a mesh request): back to the worker to look at the state
    return ran.transform(ended -> queue.alongside(() -> afterTask(ended)));
  }

  private <T> Future<T> afterTask(AsyncResult<T> ended) {
    Future<T> answer =
        ended.succeeded()
            ? Future.succeededFuture(ended.result())
            : Future.failedFuture(ended.cause());
    Marks now = marks();
    if (now.equals(savedMarks)) {
      return answer;
    }
    savedMarks = now;
    long count = changeCount + 1;
    changeCount = count;
    ChangeListener listener = changeListener;
    if (listener == null) {
      return answer;
    }
    Future<Void> saved;
    try {
      saved = listener.changed(this, count);
    } catch (RuntimeException e) {
      saved = Future.failedFuture(e);
    }
    return saved.transform(s -> s.succeeded() ? answer : Future.failedFuture(s.cause()));
  }

  /** Where each part of the kept state is: a change of any moves its mark. */
  private record Marks(long config, long files, long shell, long progress) {}

  private Marks marks() {
    return new Marks(config.generation(), files.revision(), shell.revision(), progress.revision());
  }

  /**
   * Told when a task changed what the sandbox keeps; set once by the registry that saves sandboxes.
   */
  @FunctionalInterface
  public interface ChangeListener {
    /**
     * Called on the sandbox's worker context right after the change numbered {@code changeCount};
     * capture {@link Sandbox#image()} before returning. The change's answer waits for the future.
     */
    Future<Void> changed(Sandbox sandbox, long changeCount);
  }

  /**
   * Answers once the sandbox as it is now is saved by its listener, as after a change (at once
   * without a listener): a sandbox made through the API is saved before its id is given out.
   */
  public Future<Void> kept() {
    return serially(
        () -> {
          ChangeListener listener = changeListener;
          return listener == null ? Future.succeededFuture() : listener.changed(this, changeCount);
        });
  }

  /** Sets the listener told of every counted change (see the class comment). */
  public void onChange(ChangeListener listener) {
    this.changeListener = listener;
  }

  /**
   * How many changes of kept state this sandbox has counted, over its whole life (a restored
   * sandbox goes on from its image's count).
   */
  public long changeCount() {
    return changeCount;
  }

  /**
   * What this sandbox keeps, as one value. Call it on the sandbox's worker context (in a {@link
   * #serially} task or in the {@link ChangeListener}), where no command changes the shell
   * meanwhile.
   */
  public SandboxImage image() {
    return new SandboxImage(
        id,
        pageKey,
        csrfToken,
        lessonId,
        startState,
        createdAt,
        lastUsedAt,
        config.state(),
        files.changes(),
        shell.image(),
        progress.saved(),
        terminals.screens(),
        userGeneration.get(),
        changeCount);
  }

  /**
   * A sandbox equal to the one {@code image} was captured from: the same keys, times, cluster,
   * files, shell, terminals and progress. {@code start} and {@code assets} are the start state and
   * files of the image's lesson and start kind (those the registry gives a new sandbox of that
   * lesson); the config snapshot in the image grew from that start.
   */
  public static Sandbox restore(
      SandboxImage image, Snapshot start, AssetTree assets, BookinfoMesh dataPlane, Clock clock) {
    Sandbox s =
        new Sandbox(
            image.id(),
            image.pageKey(),
            image.csrfToken(),
            image.lessonId(),
            image.startState(),
            start,
            SandboxFiles.over(assets, clock),
            dataPlane,
            clock,
            image.createdAt());
    s.config.restore(image.config());
    s.files.restore(image.files());
    s.shell.restore(image.shell());
    s.progress.restore(image.progress());
    s.terminals.restore(image.terminals());
    s.userGeneration.set(image.userGeneration());
    s.lastUsedAt = image.lastUsedAt();
    s.changeCount = image.changeCount();
    s.savedMarks = s.marks();
    return s;
  }

  /**
   * A read that may take long (validating a large manifest): off the event loops, not behind queued
   * changes.
   */
  public <T> Future<T> compute(Supplier<T> work) {
    return queue.compute(work);
  }

  /**
   * The sandbox is gone (deleted, expired or evicted): a command line still running stops at its
   * next check.
   */
  public void close() {
    shell.cancelRunning("its sandbox was removed");
  }

  /** Resets through the queue (the API's and the pages' Reset). */
  public Future<Void> reset() {
    return serially(
        () -> {
          resetToLessonStart();
          return Future.succeededFuture();
        });
  }

  /**
   * A read of several parts of the state that must not see half a reset: the read runs again, after
   * the reset, when one happened meanwhile. A reset is two reference swaps, so the wait is
   * microseconds.
   */
  public <T> T observe(Supplier<T> read) {
    long stamp = resetting.tryOptimisticRead();
    T value = read.get();
    if (stamp != 0 && resetting.validate(stamp)) {
      return value;
    }
    stamp = resetting.readLock();
    try {
      return read.get();
    } finally {
      resetting.unlockRead(stamp);
    }
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

  /**
   * Back to this sandbox's start state (Istio resources and files); progress, history and traffic
   * stay. An imported scenario's page scripts run again as its pages open: the set-up they made is
   * gone with the rest.
   */
  @Override
  public void resetToLessonStart() {
    long stamp = resetting.writeLock();
    try {
      config.reset(start);
      files.reset();
      pagesOpened.clear();
    } finally {
      resetting.unlockWrite(stamp);
    }
  }

  @Override
  public String sandboxId() {
    return id;
  }

  @Override
  public Snapshot snapshot() {
    return observe(config::current);
  }

  @Override
  public TrafficLog traffic() {
    return traffic;
  }

  /** How the Traffic tab looks at {@link #traffic()} (window, cleared, focus). */
  public TrafficLens trafficLens() {
    return trafficLens;
  }

  public void trafficLens(TrafficLens lens) {
    this.trafficLens = lens;
  }

  /**
   * Counts sign-ins and sign-outs on the sandbox's product page (in the frame or in another tab):
   * the Product page tab reloads when it changed since the page on view was loaded.
   */
  public long userGeneration() {
    return userGeneration.get();
  }

  public void userChanged() {
    userGeneration.incrementAndGet();
  }
}
