package dev.trafficlab.terminal.memory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What one sandbox may keep in the server's heap: its variables, changed files, history, applied
 * resources and the values a running command line holds in its scripts and subshells. Each owner
 * charges what it adds before it keeps it and releases what it drops, so a command that would go
 * over the limit is stopped before the memory is taken. Sizes are counted in characters (a Latin-1
 * string's bytes in the heap).
 */
public final class SandboxMemory {
  /** The default limit: 16 MiB per sandbox. */
  public static final long DEFAULT_LIMIT = 16L * 1024 * 1024;

  /** The longest single value (a word, a variable, a captured output) a command line may build. */
  public static final int MAX_VALUE_CHARS = 1024 * 1024;

  private final long limit;
  // Charged from the sandbox's serial queue; an atomic keeps the count right for the rare reader
  // elsewhere.
  private final AtomicLong used = new AtomicLong();

  public SandboxMemory() {
    this(DEFAULT_LIMIT);
  }

  public SandboxMemory(long limit) {
    this.limit = limit;
  }

  /**
   * Takes {@code chars} more, or throws (taking nothing) when the sandbox would hold more than its
   * limit.
   */
  public void charge(long chars) {
    if (chars <= 0) {
      release(-chars);
      return;
    }
    long now = used.addAndGet(chars);
    if (now > limit) {
      used.addAndGet(-chars);
      throw new MemoryLimitException(
          "memory limit exceeded: a sandbox keeps at most "
              + mebibytes(limit)
              + " of variables, files, history and applied resources; unset variables, remove files or delete "
              + "resources to make room");
    }
  }

  /** Gives back what was charged for something dropped. */
  public void release(long chars) {
    if (chars > 0) {
      used.addAndGet(-chars);
    }
  }

  /** Checks a value that is about to be built: at most {@link #MAX_VALUE_CHARS} characters. */
  public static void checkValue(long chars, String what) {
    if (chars > MAX_VALUE_CHARS) {
      throw new MemoryLimitException(
          "memory limit exceeded: "
              + what
              + " would hold "
              + chars
              + " characters; "
              + "a single value may hold at most "
              + mebibytes(MAX_VALUE_CHARS));
    }
  }

  public long used() {
    return used.get();
  }

  public long limit() {
    return limit;
  }

  private static String mebibytes(long chars) {
    return chars % (1024 * 1024) == 0 ? chars / (1024 * 1024) + " MiB" : chars / 1024 + " KiB";
  }
}
