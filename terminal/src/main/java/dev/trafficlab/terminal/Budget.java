package dev.trafficlab.terminal;

/**
 * The limits of one command line: output size, commands run, loop iterations, mesh requests and sleep time.
 * Each exceeded limit stops the run with a message that names it.
 */
public final class Budget {
  public static final int MAX_OUTPUT_CHARS = 256 * 1024;
  /** A pipe or $( ) may hold more than the terminal shows, but not unboundedly more. */
  public static final int MAX_CAPTURE_CHARS = 1024 * 1024;
  public static final int MAX_COMMANDS = 5_000;
  public static final int MAX_LOOP_ITERATIONS = 1_000;
  public static final int MAX_REQUESTS = 500;
  public static final long MAX_SLEEP_MS = 10_000;
  public static final long MAX_TOTAL_SLEEP_MS = 30_000;
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

  void countCommand() {
    if (++commands > MAX_COMMANDS) {
      throw new ShellLimitException("command limit exceeded: at most " + MAX_COMMANDS
          + " commands run per command line");
    }
  }

  void countIteration() {
    if (++iterations > MAX_LOOP_ITERATIONS) {
      throw new ShellLimitException("loop limit exceeded: at most " + MAX_LOOP_ITERATIONS
          + " loop iterations per command line");
    }
  }

  /** True every few dozen steps: time to give the event loop to others. */
  boolean shouldYield() {
    return ++steps % YIELD_EVERY == 0;
  }

  /** Called before each text kubectl applies or deletes. */
  public void countManifest() {
    if (++manifests > MAX_MANIFESTS) {
      throw new ShellLimitException("kubectl limit exceeded: at most " + MAX_MANIFESTS
          + " files applied or deleted per command line");
    }
  }

  /** Called before each request into the mesh (curl, kubectl exec). */
  public void countRequest() {
    if (++requests > MAX_REQUESTS) {
      throw new ShellLimitException("request limit exceeded: at most " + MAX_REQUESTS
          + " requests per command line (the Traffic tab's \"Send 100\" sends bigger batches)");
    }
  }

  /** Called before sleeping; returns normally when the sleep fits the budget. */
  public void countSleep(long ms) {
    sleptMs += ms;
    if (sleptMs > MAX_TOTAL_SLEEP_MS) {
      throw new ShellLimitException("sleep limit exceeded: at most " + MAX_TOTAL_SLEEP_MS / 1000
          + " s of sleep per command line");
    }
  }
}
