package dev.trafficlab.terminal;

import dev.trafficlab.terminal.files.SandboxFiles;
import dev.trafficlab.terminal.memory.SandboxMemory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-sandbox shell state that persists across commands: working directory, variables (exported or
 * not), history and the last exit code. A reset puts back the lab's starting environment.
 *
 * <p>Threading: only the sandbox's serial queue changes it or reads its variables (one command line
 * at a time), so it needs no lock; the history is also shown by the pages, so it is an immutable
 * list swapped by one reference. What variables and history hold is charged to the sandbox's {@link
 * SandboxMemory}.
 */
public final class ShellState {
  public static final int MAX_HISTORY = 500;
  public static final int MAX_VARIABLES = 200;
  public static final int MAX_FUNCTIONS = 100;
  public static final int MAX_ALIASES = 100;

  private String cwd;
  private final Map<String, String> vars = new LinkedHashMap<>();
  private final java.util.Set<String> exported = new java.util.HashSet<>();
  private final SandboxMemory memory;
  // lines and their exit codes (null while a line runs), published together as one value
  private volatile History log = new History(List.of(), List.of());

  private record History(List<String> lines, List<Integer> exitCodes) {}

  /** Counts changes (any variable, definition, history line or exit code); never repeats. */
  private volatile long revision;

  private long historyChars;
  private long variableChars;
  private int lastExitCode;
  private volatile int historyBase;
  private final Map<String, dev.trafficlab.terminal.syntax.Ast.FunctionDef> functions =
      new TreeMap<>();
  private final Map<String, String> aliases = new TreeMap<>();
  private long definitionChars;
  // the command lines running now (one per terminal session, plus the exec API's), so that another
  // thread can cancel them
  private final java.util.Set<Budget> running = java.util.concurrent.ConcurrentHashMap.newKeySet();

  public ShellState() {
    this(new SandboxMemory());
  }

  public ShellState(SandboxMemory memory) {
    this.memory = memory;
    reset();
  }

  public SandboxMemory memory() {
    return memory;
  }

  /** The environment a new sandbox's terminal starts with. */
  public static Map<String, String> initialEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("HOME", SandboxFiles.HOME);
    env.put("PWD", SandboxFiles.HOME);
    env.put("USER", "root");
    env.put("SHELL", "/bin/bash");
    env.put(
        "PATH",
        SandboxFiles.ISTIO_HOME
            + "/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    env.put("ISTIO_HOME", SandboxFiles.ISTIO_HOME);
    env.put("INGRESS_HOST", "istio-ingressgateway.istio-system");
    env.put("INGRESS_PORT", "80");
    env.put("GATEWAY_URL", "istio-ingressgateway.istio-system:80");
    return env;
  }

  public void reset() {
    revision++;
    cwd = SandboxFiles.HOME;
    vars.clear();
    exported.clear();
    memory.release(variableChars);
    variableChars = 0;
    initialEnvironment()
        .forEach(
            (k, v) -> {
              put(k, v);
              exported.add(k);
            });
    functions.clear();
    aliases.clear();
    memory.release(definitionChars);
    definitionChars = 0;
    initialAliases().forEach(this::setAlias);
    lastExitCode = 0;
  }

  /** The aliases a new sandbox's terminal starts with (Killercoda's images have k for kubectl). */
  public static Map<String, String> initialAliases() {
    return Map.of("k", "kubectl");
  }

  /** Functions defined at the prompt, by name (they last until the sandbox is reset). */
  public Map<String, dev.trafficlab.terminal.syntax.Ast.FunctionDef> functions() {
    return java.util.Collections.unmodifiableMap(functions);
  }

  void define(dev.trafficlab.terminal.syntax.Ast.FunctionDef f) {
    revision++;
    if (!functions.containsKey(f.name()) && functions.size() >= MAX_FUNCTIONS) {
      throw new ShellLimitException(
          "function limit exceeded: at most " + MAX_FUNCTIONS + " functions");
    }
    var old = functions.get(f.name());
    long delta = f.source().length() - (old == null ? 0 : old.source().length());
    memory.charge(delta);
    definitionChars += delta;
    functions.put(f.name(), f);
  }

  boolean undefine(String name) {
    revision++;
    var old = functions.remove(name);
    if (old != null) {
      memory.release(old.source().length());
      definitionChars -= old.source().length();
    }
    return old != null;
  }

  /** Aliases by name (alias k=kubectl). */
  public Map<String, String> aliases() {
    return java.util.Collections.unmodifiableMap(aliases);
  }

  /** Defines an alias; false when the sandbox already holds too many. */
  public boolean setAlias(String name, String value) {
    revision++;
    if (!aliases.containsKey(name) && aliases.size() >= MAX_ALIASES) {
      return false;
    }
    String old = aliases.get(name);
    long delta = name.length() + value.length() - (old == null ? 0 : name.length() + old.length());
    memory.charge(delta);
    definitionChars += delta;
    aliases.put(name, value);
    return true;
  }

  public boolean removeAlias(String name) {
    revision++;
    String old = aliases.remove(name);
    if (old != null) {
      memory.release(name.length() + old.length());
      definitionChars -= name.length() + old.length();
    }
    return old != null;
  }

  public String cwd() {
    return cwd;
  }

  public void setCwd(String dir) {
    String old = cwd;
    put("OLDPWD", old);
    put("PWD", dir);
    cwd = dir;
  }

  /** The variable's value, or null when unset. */
  public String get(String name) {
    return vars.get(name);
  }

  /** Sets a variable; false when the sandbox already holds too many. */
  public boolean set(String name, String value) {
    if (!vars.containsKey(name) && vars.size() >= MAX_VARIABLES) {
      return false;
    }
    put(name, value);
    return true;
  }

  /** Keeps a value, charging its growth first: a value the sandbox cannot hold is never stored. */
  private void put(String name, String value) {
    revision++;
    String old = vars.get(name);
    long delta = value.length() - (old == null ? -name.length() : old.length());
    memory.charge(delta);
    variableChars += delta;
    vars.put(name, value);
  }

  public void unset(String name) {
    revision++;
    String old = vars.remove(name);
    if (old != null) {
      memory.release(name.length() + old.length());
      variableChars -= name.length() + old.length();
    }
    exported.remove(name);
  }

  public void export(String name) {
    revision++;
    exported.add(name);
  }

  /** Exported variables, sorted by name (what env prints). */
  public Map<String, String> environment() {
    Map<String, String> out = new TreeMap<>();
    vars.forEach(
        (k, v) -> {
          if (exported.contains(k)) {
            out.put(k, v);
          }
        });
    return out;
  }

  /** Every variable (a script runs on a copy of them). */
  public Map<String, String> variables() {
    return new LinkedHashMap<>(vars);
  }

  /**
   * Adds a line to the history, its exit code unknown until {@link #recordExitCode}.
   *
   * @return the line's number, counting every line ever added (to name it in recordExitCode)
   */
  public int addHistory(String line) {
    revision++;
    memory.charge(line.length());
    History old = log;
    List<String> next = new ArrayList<>(old.lines().size() + 1);
    next.addAll(old.lines());
    next.add(line);
    List<Integer> codes = new ArrayList<>(old.exitCodes().size() + 1);
    codes.addAll(old.exitCodes());
    codes.add(null);
    historyChars += line.length();
    int dropped = 0;
    while (next.size() > MAX_HISTORY) {
      String gone = next.remove(0);
      codes.remove(0);
      memory.release(gone.length());
      historyChars -= gone.length();
      dropped++;
    }
    historyBase += dropped;
    log = new History(List.copyOf(next), java.util.Collections.unmodifiableList(codes));
    return historyBase + next.size() - 1;
  }

  /**
   * The exit code of the history line numbered {@code number} (what addHistory returned); ignored
   * when that line was trimmed or cleared meanwhile.
   */
  public void recordExitCode(int number, int code) {
    revision++;
    int i = number - historyBase;
    History old = log;
    if (i < 0 || i >= old.exitCodes().size()) {
      return;
    }
    List<Integer> next = new ArrayList<>(old.exitCodes());
    next.set(i, code);
    log = new History(old.lines(), java.util.Collections.unmodifiableList(next));
  }

  public void clearHistory() {
    revision++;
    historyBase += log.lines().size();
    log = new History(List.of(), List.of());
    memory.release(historyChars);
    historyChars = 0;
  }

  /** A history line and how it ended: its exit code, or null while it runs. */
  public record RanCommand(String line, Integer exitCode) {
    public boolean succeeded() {
      return exitCode != null && exitCode == 0;
    }
  }

  /** The history with each line's exit code, oldest first. */
  public List<RanCommand> ranCommands() {
    History h = log;
    List<RanCommand> out = new ArrayList<>(h.lines().size());
    for (int i = 0; i < h.lines().size(); i++) {
      out.add(new RanCommand(h.lines().get(i), h.exitCodes().get(i)));
    }
    return out;
  }

  public List<String> history() {
    return log.lines();
  }

  /**
   * How many older lines were dropped, so `history` numbers lines as bash does even after trimming.
   */
  public int historyBase() {
    return historyBase;
  }

  void startRun(Budget budget) {
    running.add(budget);
  }

  void endRun(Budget budget) {
    running.remove(budget);
  }

  /** Stops every running command line at its next checkpoint (any thread). */
  public void cancelRunning(String why) {
    for (Budget b : running) {
      b.cancel(why);
    }
  }

  /** Changes with every change of this state; a saved sandbox tells by it that it must save. */
  public long revision() {
    return revision;
  }

  /** This state as one value (read it where commands are serialised). */
  public ShellImage image() {
    History h = log;
    Map<String, String> defs = new TreeMap<>();
    functions.forEach((name, f) -> defs.put(name, f.source()));
    return new ShellImage(
        cwd, vars, exported, h.lines(), h.exitCodes(), historyBase, lastExitCode, defs, aliases);
  }

  /**
   * Takes back a state captured with {@link #image()}: the same variables, working directory,
   * functions (parsed again from their text), aliases and history with its numbering. A line that
   * was running when the state was captured is not running now: it keeps no exit code.
   *
   * @throws IllegalArgumentException when a function's text does not parse as a definition
   */
  public void restore(ShellImage image) {
    reset();
    vars.clear();
    exported.clear();
    memory.release(variableChars);
    variableChars = 0;
    image.variables().forEach(this::put);
    exported.addAll(image.exported());
    cwd = image.cwd();
    aliases.clear();
    functions.clear();
    memory.release(definitionChars);
    definitionChars = 0;
    image.aliases().forEach(this::setAlias);
    image.functions().forEach((name, source) -> define(parsedFunction(name, source)));
    memory.release(historyChars);
    long chars = 0;
    for (String line : image.history()) {
      chars += line.length();
    }
    memory.charge(chars);
    historyChars = chars;
    historyBase = image.historyBase();
    log = new History(image.history(), image.exitCodes());
    lastExitCode = image.lastExitCode();
    revision++;
  }

  private static dev.trafficlab.terminal.syntax.Ast.FunctionDef parsedFunction(
      String name, String source) {
    try {
      var items = dev.trafficlab.terminal.syntax.Parser.parse(source).items();
      if (items.size() == 1
          && items.get(0).pipelines().size() == 1
          && items.get(0).pipelines().get(0).commands().size() == 1
          && items.get(0).pipelines().get(0).commands().get(0)
              instanceof dev.trafficlab.terminal.syntax.Ast.FunctionDef f
          && f.name().equals(name)) {
        return f;
      }
    } catch (dev.trafficlab.terminal.syntax.ParseException e) {
      throw new IllegalArgumentException(
          "the saved function " + name + " does not parse: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("the saved function " + name + " is not a definition");
  }

  public int lastExitCode() {
    return lastExitCode;
  }

  public void setLastExitCode(int code) {
    revision++;
    lastExitCode = code;
  }
}
