package dev.trafficlab.terminal;

import dev.trafficlab.terminal.memory.SandboxMemory;
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
          state.variables(), state.environment().keySet(), state.cwd(), state.memory());
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

    LocalVars(Map<String, String> vars, Set<String> exported, String cwd, SandboxMemory memory) {
      this.vars = new LinkedHashMap<>(vars);
      this.exported = new HashSet<>(exported);
      this.cwd = cwd;
      this.memory = memory;
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
      LocalVars c = new LocalVars(vars, exported, cwd, memory);
      c.setPositional(positional());
      return c;
    }
  }
}
