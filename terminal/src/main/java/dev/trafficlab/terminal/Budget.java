package dev.trafficlab.terminal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The limits of one command line: output size, commands run, loop iterations, mesh requests, sleep
 * time and CPU time. Each exceeded limit stops the run with a message that names it.
 *
 * <p>CPU time is counted while the command line computes (between {@link #resume} and {@link
 * #pause}), not while it waits for a timer or the mesh; long loops call {@link #checkpoint} so that
 * a run over its time, or one {@link #cancel}led, stops within a few milliseconds.
 */
public final class Budget {
  /** The CPU time one command line may use. */
  public static final long MAX_CPU_MS = 2_000;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final boolean THREAD_CPU = THREADS.isCurrentThreadCpuTimeSupported();

  public static final int MAX_OUTPUT_CHARS = 256 * 1024;

  /** A pipe or $( ) may hold more than the terminal shows, but not unboundedly more. */
  public static final int MAX_CAPTURE_CHARS = 1024 * 1024;

  public static final int MAX_COMMANDS = 5_000;
  public static final int MAX_LOOP_ITERATIONS = 1_000;
  public static final int MAX_REQUESTS = 500;
  public static final long MAX_SLEEP_MS = 10_000;
  public static final long MAX_TOTAL_SLEEP_MS = 30_000;

  /**
   * In a live terminal session the learner sees output as it comes and stops the line with Ctrl+C,
   * so a line may wait longer (a traffic loop with sleep 1, watch) and print more (streamed, never
   * held).
   */
  public static final long LIVE_MAX_TOTAL_SLEEP_MS = 600_000;

  public static final int LIVE_MAX_OUTPUT_CHARS = 4 * 1024 * 1024;
  public static final int MAX_SCRIPT_DEPTH = 4;

  /** kubectl apply/create/delete of files: each parses and validates YAML on the event loop. */
  public static final int MAX_MANIFESTS = 200;

  private static final int YIELD_EVERY = 50;

  private int commands;
  private int manifests;
  private int steps;
  private int iterations;
  private int requests;
  private long sleptMs;
  private long cpuNanos;
  private long segmentStart = -1;
  // thread CPU time only compares on the thread that started the segment; a run continued elsewhere
  // resumes
  private Thread segmentThread;
  private volatile String cancelled;
  private final Interruption interruption;
  private final boolean live;

  /** The limits of a command line run through the exec API (no screen, no Ctrl+C). */
  public Budget() {
    this(new Interruption(), false);
  }

  /**
   * @param interruption what Ctrl+C sets; every checkpoint looks at it
   * @param live true for a terminal session (longer sleeps; see {@link #LIVE_MAX_TOTAL_SLEEP_MS})
   */
  public Budget(Interruption interruption, boolean live) {
    this.interruption = interruption;
    this.live = live;
  }

  public Interruption interruption() {
    return interruption;
  }

  /** True in a terminal session with a screen: watch refreshes, tail -f follows. */
  public boolean live() {
    return live;
  }

  /** The longest single sleep (10 s through the exec API; a session's whole sleep allowance). */
  public long maxSleepMs() {
    return live ? LIVE_MAX_TOTAL_SLEEP_MS : MAX_SLEEP_MS;
  }

  /** The sleep this line may take in all (30 s through the exec API, 10 min in a session). */
  public long maxTotalSleepMs() {
    return live ? LIVE_MAX_TOTAL_SLEEP_MS : MAX_TOTAL_SLEEP_MS;
  }

  /** The command line starts (again) computing on this thread. */
  void resume() {
    segmentThread = Thread.currentThread();
    segmentStart = now();
  }

  /** The command line waits (a timer, the mesh): the time until it resumes is not its own. */
  void pause() {
    if (segmentStart >= 0 && segmentThread == Thread.currentThread()) {
      cpuNanos += now() - segmentStart;
      segmentStart = -1;
    }
  }

  /**
   * Stops the run at its next checkpoint; {@code why} ends the message ("its sandbox was removed").
   */
  public void cancel(String why) {
    cancelled = why;
  }

  /**
   * Throws when the run was interrupted (Ctrl+C), cancelled or has used up its CPU time. Commands
   * call it in any loop whose length depends on the input; the interpreter calls it before each
   * command and each loop iteration.
   */
  public void checkpoint() {
    if (interruption.isInterrupted()) {
      throw new InterruptSignal();
    }
    String why = cancelled;
    if (why != null) {
      throw new ShellLimitException("the command line was cancelled: " + why);
    }
    if (segmentThread != Thread.currentThread()) {
      pause();
      resume();
      return;
    }
    if (segmentStart >= 0 && cpuNanos + now() - segmentStart > MAX_CPU_MS * 1_000_000) {
      throw new ShellLimitException(
          "CPU time limit exceeded: a command line may compute for at most "
              + MAX_CPU_MS / 1000
              + " s");
    }
  }

  private static long now() {
    return THREAD_CPU ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
  }

  void countCommand() {
    checkpoint();
    if (++commands > MAX_COMMANDS) {
      throw new ShellLimitException(
          "command limit exceeded: at most " + MAX_COMMANDS + " commands run per command line");
    }
  }

  void countIteration() {
    checkpoint();
    if (++iterations > MAX_LOOP_ITERATIONS) {
      throw new ShellLimitException(
          "loop limit exceeded: at most "
              + MAX_LOOP_ITERATIONS
              + " loop iterations per command line");
    }
  }

  /** True every few dozen steps: time to give the event loop to others. */
  boolean shouldYield() {
    return ++steps % YIELD_EVERY == 0;
  }

  /** Called before each text kubectl applies or deletes. */
  public void countManifest() {
    checkpoint();
    if (++manifests > MAX_MANIFESTS) {
      throw new ShellLimitException(
          "kubectl limit exceeded: at most "
              + MAX_MANIFESTS
              + " files applied or deleted per command line");
    }
  }

  /** Called before each request into the mesh (curl, kubectl exec). */
  public void countRequest() {
    if (++requests > MAX_REQUESTS) {
      throw new ShellLimitException(
          "request limit exceeded: at most "
              + MAX_REQUESTS
              + " requests per command line (the Traffic tab's \"Send 100\" sends bigger batches)");
    }
  }

  /** Called before sleeping; returns normally when the sleep fits the budget. */
  public void countSleep(long ms) {
    sleptMs += ms;
    if (sleptMs > maxTotalSleepMs()) {
      throw new ShellLimitException(
          "sleep limit exceeded: at most "
              + maxTotalSleepMs() / 1000
              + " s of sleep per command line");
    }
  }
}
