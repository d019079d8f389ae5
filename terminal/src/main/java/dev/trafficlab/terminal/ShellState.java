package dev.trafficlab.terminal;

import dev.trafficlab.terminal.files.SandboxFiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-sandbox shell state that persists across commands: working directory, variables (exported or not),
 * history and the last exit code. Thread-safe; a reset puts back the lab's starting environment.
 */
public final class ShellState {
  public static final int MAX_HISTORY = 500;
  public static final int MAX_VARIABLES = 200;

  private String cwd;
  private final Map<String, String> vars = new LinkedHashMap<>();
  private final java.util.Set<String> exported = new java.util.HashSet<>();
  private final List<String> history = new ArrayList<>();
  private int lastExitCode;
  private int historyBase;

  public ShellState() {
    reset();
  }

  /** The environment a new sandbox's terminal starts with. */
  public static Map<String, String> initialEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("HOME", SandboxFiles.HOME);
    env.put("PWD", SandboxFiles.HOME);
    env.put("USER", "root");
    env.put("SHELL", "/bin/bash");
    env.put("PATH", SandboxFiles.ISTIO_HOME + "/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    env.put("ISTIO_HOME", SandboxFiles.ISTIO_HOME);
    env.put("INGRESS_HOST", "istio-ingressgateway.istio-system");
    env.put("INGRESS_PORT", "80");
    env.put("GATEWAY_URL", "istio-ingressgateway.istio-system:80");
    return env;
  }

  public synchronized void reset() {
    cwd = SandboxFiles.HOME;
    vars.clear();
    exported.clear();
    initialEnvironment().forEach((k, v) -> {
      vars.put(k, v);
      exported.add(k);
    });
    lastExitCode = 0;
  }

  public synchronized String cwd() {
    return cwd;
  }

  public synchronized void setCwd(String dir) {
    String old = cwd;
    cwd = dir;
    vars.put("OLDPWD", old);
    vars.put("PWD", dir);
  }

  /** The variable's value, or null when unset. */
  public synchronized String get(String name) {
    return vars.get(name);
  }

  /** Sets a variable; false when the sandbox already holds too many. */
  public synchronized boolean set(String name, String value) {
    if (!vars.containsKey(name) && vars.size() >= MAX_VARIABLES) {
      return false;
    }
    vars.put(name, value);
    return true;
  }

  public synchronized void unset(String name) {
    vars.remove(name);
    exported.remove(name);
  }

  public synchronized void export(String name) {
    exported.add(name);
  }

  /** Exported variables, sorted by name (what env prints). */
  public synchronized Map<String, String> environment() {
    Map<String, String> out = new TreeMap<>();
    vars.forEach((k, v) -> {
      if (exported.contains(k)) {
        out.put(k, v);
      }
    });
    return out;
  }

  /** Every variable (a script runs on a copy of them). */
  public synchronized Map<String, String> variables() {
    return new LinkedHashMap<>(vars);
  }

  public synchronized void addHistory(String line) {
    history.add(line);
    if (history.size() > MAX_HISTORY) {
      history.remove(0);
      historyBase++;
    }
  }

  public synchronized void clearHistory() {
    historyBase += history.size();
    history.clear();
  }

  public synchronized List<String> history() {
    return List.copyOf(history);
  }

  /** How many older lines were dropped, so `history` numbers lines as bash does even after trimming. */
  public synchronized int historyBase() {
    return historyBase;
  }

  public synchronized int lastExitCode() {
    return lastExitCode;
  }

  public synchronized void setLastExitCode(int code) {
    lastExitCode = code;
  }
}
