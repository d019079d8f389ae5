package dev.trafficlab.terminal;

import java.util.ArrayList;
import java.util.List;

/**
 * Ctrl+C for one command line: a flag the interpreter checks between steps and at every {@link
 * Budget#checkpoint}, plus actions that end what the line is waiting for (a sleep's timer, a watch,
 * a follow) the moment the learner interrupts. Interrupting is safe from any thread and happens at
 * most once; an action registered after the interrupt runs at once.
 */
public final class Interruption {
  private final List<Runnable> actions = new ArrayList<>();
  private volatile boolean interrupted;

  /** True once the line was interrupted. */
  public boolean isInterrupted() {
    return interrupted;
  }

  /**
   * Runs {@code action} when the line is interrupted (at once if it already was). Answers a handle
   * that forgets the action: a sleep that ended normally forgets its own, so a loop of sleeps keeps
   * no list of old timers.
   */
  public Runnable onInterrupt(Runnable action) {
    synchronized (actions) {
      if (!interrupted) {
        actions.add(action);
        return () -> {
          synchronized (actions) {
            actions.remove(action);
          }
        };
      }
    }
    action.run();
    return () -> {};
  }

  /** Interrupts the line: answers false when it already was. */
  boolean interrupt() {
    List<Runnable> toRun;
    synchronized (actions) {
      if (interrupted) {
        return false;
      }
      interrupted = true;
      toRun = List.copyOf(actions);
      actions.clear();
    }
    toRun.forEach(Runnable::run);
    return true;
  }
}
