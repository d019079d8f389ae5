package dev.trafficlab.terminal;

import dev.trafficlab.terminal.memory.MemoryLimitException;
import java.lang.System.Logger.Level;

/**
 * What the terminal says when a command line ended with an error instead of an exit code. The
 * learner reads the limit that was reached, never a JVM or Java class name; anything unexpected
 * goes to the server log.
 */
final class LimitMessages {
  private static final System.Logger LOG = System.getLogger(Shell.class.getName());

  private LimitMessages() {}

  static String of(Throwable err) {
    if (err instanceof ShellLimitException || err instanceof MemoryLimitException) {
      return err.getMessage();
    }
    if (err instanceof StackOverflowError) {
      return "nesting limit exceeded: the command line nests too deeply for the lab's shell";
    }
    if (err instanceof OutOfMemoryError) {
      return "memory limit exceeded: the server had no memory left for this command line";
    }
    LOG.log(Level.WARNING, "a command line ended with an unexpected error", err);
    return "the lab's shell could not finish this command line (an internal error, recorded in the server log)";
  }
}
