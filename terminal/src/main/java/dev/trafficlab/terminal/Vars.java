package dev.trafficlab.terminal;

import dev.trafficlab.terminal.memory.SandboxMemory;
import dev.trafficlab.terminal.syntax.Ast;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The variables a command line sees. At the prompt they are the sandbox's {@link ShellState}; a
 * script (bash FILE) or a ( subshell ) works on a copy, so its assignments do not leak out, as in
 * bash.
 */
public abstract class Vars {
  private List<String> positional = List.of();

  public abstract String get(String name);

  public abstract void set(String name, String value);

  public abstract void unset(String name);

  public abstract void export(String name);

  /** Exported variables, sorted by name. */
  public abstract Map<String, String> environment();

  public abstract String cwd();

  public abstract void setCwd(String dir);

  public abstract Vars copy();

  /** Gives back the memory this copy's own values took (a script or subshell ended). */
  public void release() {}

  /** What the sandbox's shell values are charged to. */
  abstract SandboxMemory memory();

  /** The function of that name, or null. */
  public abstract Ast.FunctionDef function(String name);

  /** Defines (or redefines) a function. */
  public abstract void define(Ast.FunctionDef f);

  /** Forgets a function; false when there was none. */
  public abstract boolean undefine(String name);

  /** Every function, by name. */
  public abstract Map<String, Ast.FunctionDef> functions();

  /**
   * `local NAME`: true when running in a function (the name is then that call's own until it
   * returns); false elsewhere (bash: "local: can only be used in a function").
   */
  public boolean declareLocal(String name) {
    return false;
  }

  /** A function call's variables: these plus its own locals and positional parameters. */
  Vars callScope(List<String> args) {
    return new CallVars(this, args);
  }

  /** $1 ... $n of a script. */
  public List<String> positional() {
    return positional;
  }

  public void setPositional(List<String> args) {
    positional = List.copyOf(args);
  }

  static Vars of(ShellState state) {
    return new StateVars(state);
  }

  private static final class StateVars extends Vars {
    private final ShellState state;

    StateVars(ShellState state) {
      this.state = state;
    }

    @Override
    SandboxMemory memory() {
      return state.memory();
    }

    @Override
    public String get(String name) {
      return state.get(name);
    }

    @Override
    public void set(String name, String value) {
      if (!state.set(name, value)) {
        throw new ShellLimitException(
            "variable limit exceeded: at most " + ShellState.MAX_VARIABLES + " variables");
      }
    }

    @Override
    public void unset(String name) {
      state.unset(name);
    }

    @Override
    public void export(String name) {
      state.export(name);
    }

    @Override
    public Map<String, String> environment() {
      return state.environment();
    }

    @Override
    public String cwd() {
      return state.cwd();
    }

    @Override
    public void setCwd(String dir) {
      state.setCwd(dir);
    }

    @Override
    public Vars copy() {
      return new LocalVars(
          state.variables(),
          state.environment().keySet(),
          state.cwd(),
          state.memory(),
          state.functions());
    }

    @Override
    public Ast.FunctionDef function(String name) {
      return state.functions().get(name);
    }

    @Override
    public void define(Ast.FunctionDef f) {
      state.define(f);
    }

    @Override
    public boolean undefine(String name) {
      return state.undefine(name);
    }

    @Override
    public Map<String, Ast.FunctionDef> functions() {
      return state.functions();
    }
  }

  private static final class LocalVars extends Vars {
    private final Map<String, String> vars;
    private final Set<String> exported;
    private final SandboxMemory memory;
    private String cwd;
    // what this copy's own assignments hold beyond the values it shares with the shell it was
    // copied from
    private long charged;
    private final Map<String, Integer> own = new HashMap<>();

    private final Map<String, Ast.FunctionDef> functions;

    LocalVars(
        Map<String, String> vars,
        Set<String> exported,
        String cwd,
        SandboxMemory memory,
        Map<String, Ast.FunctionDef> functions) {
      this.vars = new LinkedHashMap<>(vars);
      this.exported = new HashSet<>(exported);
      this.cwd = cwd;
      this.memory = memory;
      this.functions = new TreeMap<>(functions);
    }

    @Override
    public Ast.FunctionDef function(String name) {
      return functions.get(name);
    }

    @Override
    public void define(Ast.FunctionDef f) {
      if (!functions.containsKey(f.name()) && functions.size() >= ShellState.MAX_FUNCTIONS) {
        throw new ShellLimitException(
            "function limit exceeded: at most " + ShellState.MAX_FUNCTIONS + " functions");
      }
      functions.put(f.name(), f);
    }

    @Override
    public boolean undefine(String name) {
      return functions.remove(name) != null;
    }

    @Override
    public Map<String, Ast.FunctionDef> functions() {
      return java.util.Collections.unmodifiableMap(functions);
    }

    private void put(String name, String value) {
      Integer before = own.get(name);
      int old = before == null ? 0 : before;
      memory.charge(value.length() - old);
      charged += value.length() - old;
      own.put(name, value.length());
      vars.put(name, value);
    }

    @Override
    public void release() {
      memory.release(charged);
      charged = 0;
      own.clear();
    }

    @Override
    SandboxMemory memory() {
      return memory;
    }

    @Override
    public String get(String name) {
      return vars.get(name);
    }

    @Override
    public void set(String name, String value) {
      if (!vars.containsKey(name) && vars.size() >= ShellState.MAX_VARIABLES) {
        throw new ShellLimitException(
            "variable limit exceeded: at most " + ShellState.MAX_VARIABLES + " variables");
      }
      put(name, value);
    }

    @Override
    public void unset(String name) {
      vars.remove(name);
      exported.remove(name);
      Integer mine = own.remove(name);
      if (mine != null) {
        memory.release(mine);
        charged -= mine;
      }
    }

    @Override
    public void export(String name) {
      exported.add(name);
    }

    @Override
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

    @Override
    public String cwd() {
      return cwd;
    }

    @Override
    public void setCwd(String dir) {
      put("OLDPWD", cwd);
      put("PWD", dir);
      cwd = dir;
    }

    @Override
    public Vars copy() {
      LocalVars c = new LocalVars(vars, exported, cwd, memory, functions);
      c.setPositional(positional());
      return c;
    }
  }

  /**
   * A function call: variables are the caller's (bash has dynamic scope) except those declared
   * local, which live until the call returns; $1... are the call's arguments.
   */
  private static final class CallVars extends Vars {
    private final Vars caller;
    // a local declared without a value is null: set, but empty and hiding the caller's
    private final Map<String, String> locals = new LinkedHashMap<>();
    private long charged;

    CallVars(Vars caller, List<String> args) {
      this.caller = caller;
      setPositional(args);
    }

    @Override
    public boolean declareLocal(String name) {
      if (!locals.containsKey(name)) {
        if (locals.size() >= ShellState.MAX_VARIABLES) {
          throw new ShellLimitException(
              "variable limit exceeded: at most " + ShellState.MAX_VARIABLES + " variables");
        }
        locals.put(name, null);
      }
      return true;
    }

    @Override
    public String get(String name) {
      return locals.containsKey(name) ? locals.get(name) : caller.get(name);
    }

    @Override
    public void set(String name, String value) {
      if (!locals.containsKey(name)) {
        caller.set(name, value);
        return;
      }
      String old = locals.get(name);
      long delta = value.length() - (old == null ? 0 : old.length());
      memory().charge(delta);
      charged += delta;
      locals.put(name, value);
    }

    @Override
    public void unset(String name) {
      if (locals.containsKey(name)) {
        String old = locals.put(name, null);
        if (old != null) {
          memory().release(old.length());
          charged -= old.length();
        }
      } else {
        caller.unset(name);
      }
    }

    @Override
    public void release() {
      memory().release(charged);
      charged = 0;
    }

    @Override
    SandboxMemory memory() {
      return caller.memory();
    }

    @Override
    public void export(String name) {
      caller.export(name);
    }

    @Override
    public Map<String, String> environment() {
      return caller.environment();
    }

    @Override
    public String cwd() {
      return caller.cwd();
    }

    @Override
    public void setCwd(String dir) {
      caller.setCwd(dir);
    }

    @Override
    public Vars copy() {
      Vars c = caller.copy();
      locals.forEach(
          (k, v) -> {
            if (v == null) {
              c.unset(k);
            } else {
              c.set(k, v);
            }
          });
      c.setPositional(positional());
      return c;
    }

    @Override
    public Ast.FunctionDef function(String name) {
      return caller.function(name);
    }

    @Override
    public void define(Ast.FunctionDef f) {
      caller.define(f);
    }

    @Override
    public boolean undefine(String name) {
      return caller.undefine(name);
    }

    @Override
    public Map<String, Ast.FunctionDef> functions() {
      return caller.functions();
    }
  }
}
