package dev.trafficlab.server.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A sandbox's terminals (T1 … T4), each with its {@link Scrollback}, and how many live sessions
 * (browser connections) it has open. The limits keep one learner's browser tabs from holding an
 * unbounded number of connections and screens.
 */
public final class TerminalTabs {
  public static final int MAX_TERMINALS = 4;
  public static final int MAX_SESSIONS = 8;

  private static final Pattern NAME = Pattern.compile("T[1-9]");

  private final Map<String, Scrollback> terminals = new LinkedHashMap<>();
  private int sessions;

  /** True for a name a terminal may have (T1 … T9); the count limit is {@link #open}'s. */
  public static boolean validName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /**
   * The terminal's scrollback, opening the terminal if needed; empty when the sandbox already has
   * {@link #MAX_TERMINALS} others.
   */
  public synchronized Optional<Scrollback> open(String name) {
    Scrollback known = terminals.get(name);
    if (known != null) {
      return Optional.of(known);
    }
    if (terminals.size() >= MAX_TERMINALS) {
      return Optional.empty();
    }
    Scrollback fresh = new Scrollback();
    terminals.put(name, fresh);
    return Optional.of(fresh);
  }

  /** The learner closed the terminal's tab: its screen is forgotten (T1 is only cleared). */
  public synchronized void close(String name) {
    if (name.equals("T1")) {
      Scrollback first = terminals.get(name);
      if (first != null) {
        first.clear();
      }
      return;
    }
    terminals.remove(name);
  }

  /** The open terminals' names, in the order they were opened. */
  public synchronized List<String> names() {
    return new ArrayList<>(terminals.keySet());
  }

  /**
   * Each open terminal's scrollback text, in the order they were opened: what a saved sandbox keeps
   * of its terminals (live sessions are not kept).
   */
  public synchronized Map<String, String> screens() {
    Map<String, String> out = new LinkedHashMap<>();
    terminals.forEach((name, scrollback) -> out.put(name, scrollback.text()));
    return out;
  }

  /** Opens these terminals with this scrollback (a restored sandbox's, before any session). */
  public synchronized void restore(Map<String, String> screens) {
    terminals.clear();
    screens.forEach(
        (name, text) -> {
          Scrollback s = new Scrollback();
          s.append(text);
          terminals.put(name, s);
        });
  }

  /** Counts a new session; false (nothing counted) when {@link #MAX_SESSIONS} are open already. */
  public synchronized boolean startSession() {
    if (sessions >= MAX_SESSIONS) {
      return false;
    }
    sessions++;
    return true;
  }

  public synchronized void endSession() {
    if (sessions > 0) {
      sessions--;
    }
  }

  public synchronized int sessions() {
    return sessions;
  }
}
