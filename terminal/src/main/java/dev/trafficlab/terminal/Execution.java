package dev.trafficlab.terminal;

import io.vertx.core.Future;

/**
 * A command line running in a terminal session ({@link Shell#start}): its output streams to the
 * session's sink as commands produce it; {@link #interrupt} is Ctrl+C.
 */
public final class Execution {
  private final Interruption interruption;
  private final Future<ExecResult> result;

  Execution(Interruption interruption, Future<ExecResult> result) {
    this.interruption = interruption;
    this.result = result;
  }

  /**
   * Completes when the line has ended: exit code (130 after Ctrl+C) and the page actions ("open"
   * for the editor). Its output is empty: everything went to the session's sink already.
   */
  public Future<ExecResult> result() {
    return result;
  }

  /**
   * Ctrl+C, from any thread: what the line waits for (a sleep, a curl in flight, watch, a follow)
   * ends now, a computing command stops at its next checkpoint, the session sees "^C" and the line
   * ends with status 130 ($? is 130 at the next prompt). Nothing happens when the line already
   * ended or was interrupted.
   */
  public void interrupt() {
    interruption.interrupt();
  }

  /** True once {@link #interrupt} was called. */
  public boolean interrupted() {
    return interruption.isInterrupted();
  }
}
