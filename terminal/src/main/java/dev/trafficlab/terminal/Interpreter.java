package dev.trafficlab.terminal;

import dev.trafficlab.terminal.files.FilesException;
import dev.trafficlab.terminal.files.SandboxFiles;
import dev.trafficlab.terminal.memory.SandboxMemory;
import dev.trafficlab.terminal.syntax.Ast;
import dev.trafficlab.terminal.syntax.Ast.AndOr;
import dev.trafficlab.terminal.syntax.Ast.Assignment;
import dev.trafficlab.terminal.syntax.Ast.ForLoop;
import dev.trafficlab.terminal.syntax.Ast.Group;
import dev.trafficlab.terminal.syntax.Ast.Lit;
import dev.trafficlab.terminal.syntax.Ast.Part;
import dev.trafficlab.terminal.syntax.Ast.Pipeline;
import dev.trafficlab.terminal.syntax.Ast.Redirect;
import dev.trafficlab.terminal.syntax.Ast.Script;
import dev.trafficlab.terminal.syntax.Ast.Simple;
import dev.trafficlab.terminal.syntax.Ast.Subst;
import dev.trafficlab.terminal.syntax.Ast.Var;
import dev.trafficlab.terminal.syntax.Ast.Word;
import dev.trafficlab.terminal.syntax.ParseException;
import dev.trafficlab.terminal.syntax.Parser;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Runs parsed command lines. Every step answers a Future of the exit code; steps that complete at
 * once are chained in a loop (not by recursion), so a long for loop of instant commands uses no
 * stack and no timers.
 */
final class Interpreter {

  /**
   * What one command line shares across nested scripts and subshells. {@code home} is the context
   * the command line runs on (the sandbox's worker context in the server; null outside Vert.x): a
   * command that waits continues there, whichever thread completed the wait. {@code nesting} counts
   * source and eval inside each other.
   */
  record Run(
      TerminalContext ctx,
      Budget budget,
      Clock clock,
      Vertx vertx,
      List<Map<String, Object>> actions,
      Map<String, Command> commands,
      int scriptDepth,
      Sink terminal,
      Context home,
      int nesting) {
    Run deeper() {
      return new Run(
          ctx, budget, clock, vertx, actions, commands, scriptDepth + 1, terminal, home, nesting);
    }

    Run nested() {
      return new Run(
          ctx, budget, clock, vertx, actions, commands, scriptDepth, terminal, home, nesting + 1);
    }
  }

  /**
   * How deeply source and eval may run inside each other (bash has no default limit and crashes
   * instead).
   */
  static final int MAX_NESTING = 100;

  /** Standard streams of a step. stdin is null when nothing was piped in. */
  record Io(Stdin in, Sink out, Sink err) {
    Io(String stdin, Sink out, Sink err) {
      this(Stdin.of(stdin), out, err);
    }

    /** What is left of standard input, or null when nothing was piped in. */
    String stdin() {
      return in == null ? null : in.rest();
    }
  }

  private final Run run;
  private final Vars vars;
  private int lastStatus;
  // inside a function (or a sourced file): return is allowed
  private final boolean canReturn;
  // loops running in this interpreter: break and continue outside one are refused as bash does
  private int loopDepth;
  // aliases being expanded now: alias ls='ls -l' runs ls, not itself again
  private java.util.Set<String> aliasesInUse = java.util.Set.of();

  Interpreter(Run run, Vars vars, int lastStatus) {
    this(run, vars, lastStatus, false);
  }

  private Interpreter(Run run, Vars vars, int lastStatus, boolean canReturn) {
    this.run = run;
    this.vars = vars;
    this.lastStatus = lastStatus;
    this.canReturn = canReturn;
  }

  Run run() {
    return run;
  }

  Vars vars() {
    return vars;
  }

  // ---- structure ----

  Future<Integer> script(Script s, Io io) {
    return sequence(s.items().size(), i -> andOr(s.items().get(i), io));
  }

  private Future<Integer> andOr(AndOr a, Io io) {
    return andOrFrom(a, 0, io);
  }

  private Future<Integer> andOrFrom(AndOr a, int start, Io io) {
    int i = start;
    while (true) {
      Future<Integer> f = pipeline(a.pipelines().get(i), io);
      if (!f.isComplete()) {
        int idx = i;
        return f.compose(
            code -> {
              int next = nextPipeline(a, idx, code);
              return next < 0 ? Future.succeededFuture(code) : andOrFrom(a, next, io);
            });
      }
      if (f.failed()) {
        return f;
      }
      int next = nextPipeline(a, i, f.result());
      if (next < 0) {
        return f;
      }
      i = next;
    }
  }

  /**
   * The next pipeline to run after pipeline i ended with code, or -1 (a && after failure skips to
   * the next ||).
   */
  private static int nextPipeline(AndOr a, int i, int code) {
    for (int j = i; j < a.ops().size(); j++) {
      String op = a.ops().get(j);
      boolean run = op.equals("&&") ? code == 0 : code != 0;
      if (run) {
        return j + 1;
      }
    }
    return -1;
  }

  private Future<Integer> pipeline(Pipeline p, Io io) {
    List<Ast.Command> cmds = p.commands();
    String[] input = {io.stdin()};
    Future<Integer> f =
        sequence(
            cmds.size(),
            i -> {
              boolean last = i == cmds.size() - 1;
              BoundedBuffer pipe =
                  last ? null : new BoundedBuffer(Budget.MAX_CAPTURE_CHARS, "pipe");
              Io step =
                  i == 0
                      ? new Io(io.in(), pipe != null ? pipe : io.out(), io.err())
                      : new Io(input[0], last ? io.out() : pipe, io.err());
              if (cmds.size() == 1) {
                return command(cmds.get(i), step);
              }
              // each command of a pipeline runs in a subshell, as in bash: `echo a | read x`
              // leaves x as it was
              Vars local = vars.copy();
              Interpreter sub = new Interpreter(run, local, lastStatus, canReturn);
              return sub.command(cmds.get(i), step)
                  .recover(
                      err ->
                          err instanceof ExitSignal e
                              ? Future.succeededFuture(e.code)
                              : Future.failedFuture(err))
                  .andThen(ar -> local.release())
                  .map(
                      code -> {
                        if (pipe != null) {
                          input[0] = pipe.toString();
                        }
                        return code;
                      });
            });
    return f.map(
        code -> {
          int c = p.negated() ? (code == 0 ? 1 : 0) : code;
          lastStatus = c;
          return c;
        });
  }

  private Future<Integer> command(Ast.Command c, Io io) {
    try {
      run.budget().countCommand();
      return withRedirects(
          c.redirects(),
          io,
          rio -> {
            if (c instanceof Simple s) {
              return simple(s, rio);
            }
            if (c instanceof ForLoop l) {
              return forLoop(l, rio);
            }
            if (c instanceof Ast.WhileLoop w) {
              return whileLoop(w, rio);
            }
            if (c instanceof Ast.IfCommand i) {
              return ifCommand(i, rio, 0);
            }
            if (c instanceof Ast.CaseCommand k) {
              return caseCommand(k, rio);
            }
            if (c instanceof Ast.FunctionDef f) {
              vars.define(f);
              return Future.succeededFuture(0);
            }
            if (c instanceof Ast.ArithCommand a) {
              return expandJoined(a.expression(), null)
                  .map(text -> Arithmetic.evaluate(text, vars) != 0 ? 0 : 1);
            }
            if (c instanceof Ast.TestCommand t) {
              return testCommand(t, rio);
            }
            return group((Group) c, rio);
          });
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private Future<Integer> group(Group g, Io io) {
    if (!g.subshell()) {
      return script(g.body(), io);
    }
    Vars local = vars.copy();
    Interpreter sub = new Interpreter(run, local, lastStatus, canReturn);
    return sub.script(g.body(), io)
        .recover(
            err ->
                err instanceof ExitSignal e
                    ? Future.succeededFuture(e.code)
                    : Future.failedFuture(err))
        .andThen(ar -> local.release());
  }

  private Future<Integer> forLoop(ForLoop l, Io io) {
    return expandWords(l.items())
        .compose(
            items -> {
              int[] next = {0};
              return loop(
                  () -> {
                    if (next[0] >= items.size()) {
                      return null;
                    }
                    run.budget().countIteration();
                    vars.set(l.variable(), items.get(next[0]++));
                    return script(l.body(), io);
                  });
            });
  }

  private Future<Integer> whileLoop(Ast.WhileLoop w, Io io) {
    return loop(
        () -> {
          run.budget().countIteration();
          return script(w.condition(), io)
              .compose(
                  code ->
                      (code == 0) == w.until()
                          ? Future.succeededFuture(LOOP_ENDS)
                          : script(w.body(), io));
        });
  }

  /** The condition of a while loop failed: the loop ends with its last body's status. */
  private static final int LOOP_ENDS = Integer.MIN_VALUE;

  /** One turn of a loop: null when there is none left, else the body's status (or LOOP_ENDS). */
  private interface Turn {
    Future<Integer> next();
  }

  /**
   * Runs a loop's turns one after another (without recursion while they complete at once), with
   * break and continue. Answers the status of the last body run, 0 when none ran.
   */
  private Future<Integer> loop(Turn turn) {
    loopDepth++;
    Promise<Integer> done = Promise.promise();
    turns(turn, 0, done);
    return done.future().andThen(ar -> loopDepth--);
  }

  private void turns(Turn turn, int status, Promise<Integer> done) {
    int last = status;
    boolean first = true;
    while (true) {
      if (!first && run.budget().shouldYield()) {
        Context context = Vertx.currentContext();
        if (context != null) {
          int soFar = last;
          context.runOnContext(v -> turns(turn, soFar, done));
          return;
        }
      }
      first = false;
      Future<Integer> f;
      try {
        run.budget().checkpoint();
        f = turn.next();
      } catch (RuntimeException e) {
        f = Future.failedFuture(e);
      }
      if (f == null) {
        done.complete(last);
        return;
      }
      if (!f.isComplete()) {
        int soFar = last;
        f.onComplete(
            ar -> {
              Integer after = afterTurn(ar, soFar, done);
              if (after != null) {
                turns(turn, after, done);
              }
            });
        return;
      }
      Integer after = afterTurn(f, last, done);
      if (after == null) {
        return;
      }
      last = after;
    }
  }

  /** The status to go on with, or null when the loop ended (done is then completed). */
  private Integer afterTurn(
      io.vertx.core.AsyncResult<Integer> ar, int last, Promise<Integer> done) {
    if (ar.succeeded()) {
      if (ar.result() == LOOP_ENDS) {
        done.complete(last);
        return null;
      }
      return ar.result();
    }
    if (ar.cause() instanceof ControlSignal c && c.kind != ControlSignal.Kind.RETURN) {
      if (c.value > 1) {
        done.fail(new ControlSignal(c.kind, c.value - 1));
        return null;
      }
      if (c.kind == ControlSignal.Kind.BREAK) {
        done.complete(0);
        return null;
      }
      return 0;
    }
    done.fail(ar.cause());
    return null;
  }

  private Future<Integer> ifCommand(Ast.IfCommand c, Io io, int branch) {
    if (branch >= c.branches().size()) {
      return c.otherwise() == null ? Future.succeededFuture(0) : script(c.otherwise(), io);
    }
    Ast.Branch b = c.branches().get(branch);
    return script(b.condition(), io)
        .compose(code -> code == 0 ? script(b.body(), io) : ifCommand(c, io, branch + 1));
  }

  private Future<Integer> caseCommand(Ast.CaseCommand c, Io io) {
    return expandJoined(c.subject(), null).compose(subject -> caseItem(c, io, subject, 0, 0));
  }

  private Future<Integer> caseItem(Ast.CaseCommand c, Io io, String subject, int item, int pat) {
    if (item >= c.items().size()) {
      return Future.succeededFuture(0);
    }
    Ast.CaseItem it = c.items().get(item);
    if (pat >= it.patterns().size()) {
      return caseItem(c, io, subject, item + 1, 0);
    }
    return pattern(it.patterns().get(pat))
        .compose(
            p ->
                Glob.matchesPattern(p, subject)
                    ? script(it.body(), io)
                    : caseItem(c, io, subject, item, pat + 1));
  }

  /** A word as a glob pattern: quoted parts match themselves, the rest may hold * ? [...]. */
  private Future<String> pattern(Word w) {
    return segments(w, null)
        .map(
            segs -> {
              StringBuilder p = new StringBuilder();
              for (Segment seg : segs) {
                for (char ch : seg.text().toCharArray()) {
                  if (seg.quoted()) {
                    Glob.escape(p, ch);
                  } else {
                    p.append(ch);
                  }
                }
              }
              return p.toString();
            });
  }

  private Future<Integer> testCommand(Ast.TestCommand t, Io io) {
    List<Future<String>> parts = new ArrayList<>();
    Future<List<String>> words = Future.succeededFuture(new ArrayList<>());
    for (int i = 0; i < t.words().size(); i++) {
      Word w = t.words().get(i);
      boolean isPattern = t.patterns().get(i);
      words =
          words.compose(
              list ->
                  (isPattern ? pattern(w) : expandJoined(w, null))
                      .map(
                          text -> {
                            list.add(text);
                            return list;
                          }));
    }
    return words.map(
        list -> {
          TestExpression.Result r =
              TestExpression.evaluate(
                  list, t.patterns(), true, run.ctx().files(), vars.cwd(), vars);
          if (r.error() != null) {
            io.err().write("bash: " + r.error() + "\n");
          }
          return r.status();
        });
  }

  private Future<Integer> simple(Simple s, Io io) {
    int[] substStatus = {-1};
    return expandWords(s.words(), substStatus)
        .compose(
            argv -> {
              if (argv.isEmpty()) {
                return assign(s.assignments(), substStatus)
                    .map(v -> substStatus[0] >= 0 ? substStatus[0] : 0);
              }
              if (s.assignments().isEmpty()) {
                return dispatch(argv, io);
              }
              // NAME=value cmd: the variables hold for this command only.
              Map<String, String> saved = new LinkedHashMap<>();
              for (Assignment a : s.assignments()) {
                saved.put(a.name(), vars.get(a.name()));
              }
              return assign(s.assignments(), substStatus)
                  .compose(
                      v -> {
                        s.assignments().forEach(a -> vars.export(a.name()));
                        return dispatch(argv, io);
                      })
                  .andThen(
                      ar ->
                          saved.forEach(
                              (k, old) -> {
                                if (old == null) {
                                  vars.unset(k);
                                } else {
                                  vars.set(k, old);
                                }
                              }));
            });
  }

  private Future<Void> assign(List<Assignment> assignments, int[] substStatus) {
    Future<Void> f = Future.succeededFuture();
    for (Assignment a : assignments) {
      f =
          f.compose(
              v ->
                  expandJoined(a.value(), substStatus)
                      .map(
                          value -> {
                            vars.set(a.name(), value);
                            return null;
                          }));
    }
    return f;
  }

  private Future<Integer> dispatch(List<String> argv, Io io) {
    String name = argv.get(0);
    List<String> args = argv.subList(1, argv.size());
    if (name.equals("exit")) {
      int code = args.isEmpty() ? lastStatus : parseExitCode(args.get(0), io);
      throw new ExitSignal(code);
    }
    switch (name) {
      case "return" -> {
        int code = args.isEmpty() ? lastStatus : parseExitCode(args.get(0), io);
        if (!canReturn) {
          io.err().write("bash: return: can only `return' from a function or sourced script\n");
          return Future.succeededFuture(1);
        }
        throw new ControlSignal(ControlSignal.Kind.RETURN, code);
      }
      case "break", "continue" -> {
        int n = 1;
        if (!args.isEmpty()) {
          try {
            n = Integer.parseInt(args.get(0));
          } catch (NumberFormatException e) {
            n = 0;
          }
          if (n < 1) {
            io.err().write("bash: " + name + ": " + args.get(0) + ": loop count out of range\n");
            return Future.succeededFuture(1);
          }
        }
        if (loopDepth == 0) {
          io.err()
              .write("bash: " + name + ": only meaningful in a `for', `while', or `until' loop\n");
          return Future.succeededFuture(0);
        }
        throw new ControlSignal(
            name.equals("break") ? ControlSignal.Kind.BREAK : ControlSignal.Kind.CONTINUE,
            Math.min(n, loopDepth));
      }
      case "read" -> {
        return read(args, io);
      }
      default -> {}
    }
    if (name.contains("/")) {
      return runFile(name, name, args, io, true);
    }
    String alias = run.ctx().shell().aliases().get(name);
    if (alias != null && !aliasesInUse.contains(name)) {
      return runAlias(name, alias, args, io);
    }
    Ast.FunctionDef fn = vars.function(name);
    if (fn != null) {
      return call(fn, args, io);
    }
    Command cmd = run.commands().get(name);
    if (cmd == null) {
      io.err().write("bash: " + name + ": command not found\n");
      return Future.succeededFuture(127);
    }
    Invocation inv = new Invocation(name, args, io.in(), io.out(), io.err(), this);
    try {
      Future<Integer> f = cmd.run(inv);
      return f == null ? Future.succeededFuture(0) : continueAtHome(f);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** An alias's text with the arguments after it (quoted again), run in this shell. */
  private Future<Integer> runAlias(String name, String alias, List<String> args, Io io) {
    StringBuilder text = new StringBuilder(alias);
    for (String a : args) {
      text.append(" '").append(a.replace("'", "'\\''")).append('\'');
    }
    Script s;
    try {
      s = Parser.parse(text.toString());
    } catch (ParseException e) {
      io.err().write("bash: " + e.getMessage() + "\n");
      return Future.succeededFuture(2);
    }
    Interpreter inner = new Interpreter(run.nested(), vars, lastStatus, canReturn);
    java.util.Set<String> inUse = new java.util.HashSet<>(aliasesInUse);
    inUse.add(name);
    inner.aliasesInUse = inUse;
    return inner
        .script(s, io)
        .map(
            code -> {
              lastStatus = code;
              return code;
            });
  }

  private Future<Integer> call(Ast.FunctionDef fn, List<String> args, Io io) {
    if (run.nesting() >= MAX_NESTING) {
      throw new ShellLimitException(
          fn.name() + ": maximum function nesting level exceeded (" + MAX_NESTING + ")");
    }
    Vars scope = vars.callScope(args);
    Interpreter body = new Interpreter(run.nested(), scope, lastStatus, true);
    return body.command(fn.body(), io)
        .recover(
            err ->
                err instanceof ControlSignal c && c.kind == ControlSignal.Kind.RETURN
                    ? Future.succeededFuture(c.value)
                    : Future.failedFuture(err))
        .andThen(ar -> scope.release())
        .map(
            code -> {
              lastStatus = code;
              return code;
            });
  }

  /**
   * read [-r] [-p PROMPT] [NAME...]: the next line of standard input, split on blanks; the last
   * name takes the rest. Status 1 at the end of the input.
   */
  private Future<Integer> read(List<String> args, Io io) {
    boolean raw = false;
    List<String> names = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("-r")) {
        raw = true;
      } else if (a.equals("-p") || a.equals("-t") || a.equals("-d") || a.equals("-n")) {
        i++; // a prompt, timeout or delimiter: there is no keyboard to read from here
      } else if (a.startsWith("-") && a.length() > 1 && names.isEmpty()) {
        raw |= a.contains("r");
      } else if (!a.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        io.err().write("bash: read: `" + a + "': not a valid identifier\n");
        return Future.succeededFuture(1);
      } else {
        names.add(a);
      }
    }
    if (names.isEmpty()) {
      names.add("REPLY");
    }
    if (io.in() == null) {
      // a terminal with nothing piped in: no keyboard reaches a command here
      io.err().write("bash: read: nothing to read: pipe or redirect input into read\n");
      return Future.succeededFuture(1);
    }
    boolean[] ended = {true};
    String line = io.in().readLine(ended);
    if (line == null) {
      names.forEach(n -> vars.set(n, ""));
      return Future.succeededFuture(1);
    }
    if (!raw) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c == '\\' && i + 1 < line.length()) {
          sb.append(line.charAt(++i));
        } else if (c != '\\') {
          sb.append(c);
        }
      }
      line = sb.toString();
    }
    String rest = line.strip();
    for (int i = 0; i < names.size(); i++) {
      if (i == names.size() - 1) {
        vars.set(names.get(i), rest);
        break;
      }
      int sp = 0;
      while (sp < rest.length() && rest.charAt(sp) != ' ' && rest.charAt(sp) != '\t') {
        sp++;
      }
      vars.set(names.get(i), rest.substring(0, sp));
      rest = rest.substring(sp).strip();
    }
    return Future.succeededFuture(ended[0] ? 0 : 1);
  }

  /**
   * A command that waits (sleep's timer, a request through the mesh) holds no thread: the run
   * pauses its CPU clock and continues on its home context when the wait ends, whichever thread
   * ended it.
   */
  private Future<Integer> continueAtHome(Future<Integer> f) {
    if (f.isComplete()) {
      return f;
    }
    run.budget().pause();
    Promise<Integer> resumed = Promise.promise();
    Context home = run.home();
    java.util.concurrent.atomic.AtomicBoolean settled =
        new java.util.concurrent.atomic.AtomicBoolean();
    java.util.function.Consumer<io.vertx.core.AsyncResult<Integer>> settle =
        ar -> {
          if (!settled.compareAndSet(false, true)) {
            return;
          }
          if (home == null || Vertx.currentContext() == home) {
            run.budget().resume();
            resumed.handle(ar);
          } else {
            home.runOnContext(
                v -> {
                  run.budget().resume();
                  resumed.handle(ar);
                });
          }
        };
    // Ctrl+C ends the wait at once, whatever the command waits for (a timer, the mesh, a follow);
    // the command's own interrupt actions cancel its timers
    Runnable forget =
        run.budget()
            .interruption()
            .onInterrupt(() -> settle.accept(Future.failedFuture(new InterruptSignal())));
    f.onComplete(
        ar -> {
          forget.run();
          settle.accept(ar);
        });
    return resumed.future();
  }

  private static int parseExitCode(String s, Io io) {
    try {
      return Integer.parseInt(s) & 0xff;
    } catch (NumberFormatException e) {
      io.err().write("bash: exit: " + s + ": numeric argument required\n");
      return 2;
    }
  }

  /**
   * ./script.sh, /path/script, or bash FILE: runs the file's text as a script in a copy of the
   * variables.
   */
  Future<Integer> runFile(String shown, String path, List<String> args, Io io, boolean asCommand) {
    SandboxFiles files = run.ctx().files();
    String abs = SandboxFiles.resolve(vars.cwd(), path);
    if (files.isDirectory(abs)) {
      io.err().write("bash: " + shown + ": Is a directory\n");
      return Future.succeededFuture(126);
    }
    String text;
    try {
      text = files.read(abs);
    } catch (FilesException e) {
      io.err().write("bash: " + shown + ": " + e.getMessage() + "\n");
      return Future.succeededFuture(127);
    }
    return runScript(text, shown, args, io.stdin(), io.out(), io.err());
  }

  Future<Integer> runScript(
      String text, String scriptName, List<String> positional, String stdin, Sink out, Sink err) {
    if (run.scriptDepth() >= Budget.MAX_SCRIPT_DEPTH) {
      throw new ShellLimitException(
          "script nesting limit exceeded: at most "
              + Budget.MAX_SCRIPT_DEPTH
              + " scripts running inside each other");
    }
    Script s;
    try {
      s = Parser.parse(text);
    } catch (ParseException e) {
      err.write(scriptName + ": " + e.getMessage() + "\n");
      return Future.succeededFuture(2);
    }
    Vars local = vars.copy();
    local.setPositional(positional);
    local.set("0", scriptName);
    Interpreter sub = new Interpreter(run.deeper(), local, lastStatus);
    return sub.script(s, new Io(stdin, out, err))
        .recover(
            e ->
                e instanceof ExitSignal x ? Future.succeededFuture(x.code) : Future.failedFuture(e))
        .andThen(ar -> local.release());
  }

  /**
   * eval / source: a command line in this shell, with these streams. {@code source} is the sourced
   * file's name, or null for eval; both are bounded in depth with bash's wording, so a file that
   * sources itself stops cleanly.
   */
  Future<Integer> runText(String text, String source, String stdin, Sink out, Sink err) {
    if (run.nesting() >= MAX_NESTING) {
      throw new ShellLimitException(
          source == null
              ? "eval: maximum eval nesting level exceeded (" + MAX_NESTING + ")"
              : source + ": maximum source nesting level exceeded (" + MAX_NESTING + ")");
    }
    Script s;
    try {
      s = Parser.parse(text);
    } catch (ParseException e) {
      err.write("bash: " + e.getMessage() + "\n");
      return Future.succeededFuture(2);
    }
    Interpreter inner =
        new Interpreter(run.nested(), vars, lastStatus, canReturn || source != null);
    return inner
        .script(s, new Io(stdin, out, err))
        .recover(
            e ->
                source != null
                        && e instanceof ControlSignal c
                        && c.kind == ControlSignal.Kind.RETURN
                    ? Future.succeededFuture(c.value)
                    : Future.failedFuture(e))
        .map(
            code -> {
              lastStatus = code;
              return code;
            });
  }

  // ---- redirections ----

  private interface Body {
    Future<Integer> run(Io io);
  }

  private Future<Integer> withRedirects(List<Redirect> redirects, Io io, Body body) {
    if (redirects.isEmpty()) {
      return body.run(io);
    }
    Sink[] fds = {null, io.out(), io.err()};
    Stdin[] stdin = {io.in()};
    List<Runnable> flushes = new ArrayList<>();
    Future<Boolean> setup = Future.succeededFuture(true);
    for (Redirect r : redirects) {
      setup =
          setup.compose(
              ok ->
                  !ok ? Future.succeededFuture(false) : applyRedirect(r, fds, stdin, flushes, io));
    }
    return setup.compose(
        ok -> {
          if (!ok) {
            return Future.succeededFuture(1);
          }
          return body.run(new Io(stdin[0], fds[1], fds[2]))
              .map(
                  code -> {
                    flushes.forEach(Runnable::run);
                    return code;
                  });
        });
  }

  private Future<Boolean> applyRedirect(
      Redirect r, Sink[] fds, Stdin[] stdin, List<Runnable> flushes, Io io) {
    if (r.heredoc() != null) {
      return expandJoined(r.heredoc().body(), null)
          .map(
              text -> {
                stdin[0] = Stdin.of(text);
                return true;
              });
    }
    return expandJoined(r.target(), null)
        .map(
            target -> {
              switch (r.op()) {
                case ">&" -> {
                  Sink dup =
                      switch (target) {
                        case "1" -> fds[1];
                        case "2" -> fds[2];
                        default -> null;
                      };
                  if (dup == null) {
                    io.err().write("bash: " + target + ": ambiguous redirect\n");
                    return false;
                  }
                  fds[r.fd() < 0 ? 1 : r.fd()] = dup;
                  return true;
                }
                case "<" -> {
                  try {
                    stdin[0] =
                        Stdin.of(run.ctx().files().read(SandboxFiles.resolve(vars.cwd(), target)));
                    return true;
                  } catch (FilesException e) {
                    io.err().write("bash: " + target + ": " + e.getMessage() + "\n");
                    return false;
                  }
                }
                default -> {
                  Sink sink = fileSink(target, r.op().equals(">>"), fds, flushes, io);
                  if (sink == null) {
                    return false;
                  }
                  if (r.fd() < 0) {
                    fds[1] = sink;
                    fds[2] = sink;
                  } else if (r.fd() == 1 || r.fd() == 2) {
                    fds[r.fd()] = sink;
                  }
                  return true;
                }
              }
            });
  }

  private Sink fileSink(String target, boolean append, Sink[] fds, List<Runnable> flushes, Io io) {
    switch (target) {
      case "/dev/null":
        return Sink.NULL;
      case "/dev/stdout":
        return fds[1];
      case "/dev/stderr":
        return fds[2];
      default:
        break;
    }
    if (target.isEmpty()) {
      io.err().write("bash: : No such file or directory\n");
      return null;
    }
    SandboxFiles files = run.ctx().files();
    String abs = SandboxFiles.resolve(vars.cwd(), target);
    try {
      if (append) {
        files.append(abs, "");
      } else {
        files.write(abs, "");
      }
    } catch (FilesException e) {
      io.err().write("bash: " + target + ": " + e.getMessage() + "\n");
      return null;
    }
    BoundedBuffer buf = new BoundedBuffer(SandboxFiles.MAX_FILE_BYTES, "file size");
    flushes.add(
        () -> {
          try {
            files.append(abs, buf.toString());
          } catch (FilesException e) {
            io.err().write("bash: " + target + ": " + e.getMessage() + "\n");
          }
        });
    return buf;
  }

  // ---- expansion ----

  Future<List<String>> expandWords(List<Word> words) {
    return expandWords(words, null);
  }

  private Future<List<String>> expandWords(List<Word> words, int[] substStatus) {
    List<String> out = new ArrayList<>();
    long[] chars = {0};
    Future<Void> f = Future.succeededFuture();
    for (Word w : words) {
      f =
          f.compose(
              v ->
                  expandWord(w, substStatus)
                      .map(
                          fields -> {
                            for (String field : fields) {
                              chars[0] += field.length() + 1;
                            }
                            // bash's "Argument list too long" for a command's whole argument list,
                            // checked word by word
                            SandboxMemory.checkValue(chars[0], "the argument list");
                            out.addAll(fields);
                            return null;
                          }));
    }
    return f.map(v -> out);
  }

  /**
   * A word as one string (no field splitting): redirection targets, assignments, here-documents.
   */
  private Future<String> expandJoined(Word w, int[] substStatus) {
    return segments(w, substStatus)
        .map(
            segs -> {
              StringBuilder sb = new StringBuilder();
              checkGrowth(segs);
              segs.forEach(
                  s -> {
                    if (s.fieldBreak()) {
                      sb.append(' ');
                    }
                    sb.append(s.text());
                  });
              return sb.toString();
            });
  }

  /**
   * Expanded text of one part. fieldBreak starts a new field before it: "$@" gives one field per
   * positional parameter.
   */
  private record Segment(String text, boolean splittable, boolean quoted, boolean fieldBreak) {
    Segment(String text, boolean splittable, boolean quoted) {
      this(text, splittable, quoted, false);
    }
  }

  private Future<List<String>> expandWord(Word w, int[] substStatus) {
    return segments(w, substStatus)
        .map(
            segs -> {
              checkGrowth(segs);
              List<String> out = new ArrayList<>();
              for (Field f : split(segs)) {
                List<String> matches =
                    f.glob() ? Glob.expand(run.ctx().files(), vars.cwd(), f.pattern()) : List.of();
                if (matches.isEmpty()) {
                  out.add(f.text());
                } else {
                  out.addAll(matches);
                }
              }
              return out;
            });
  }

  /** One field after splitting; pattern escapes every character that must not act as a glob. */
  private record Field(String text, String pattern, boolean glob) {}

  /** Field splitting on blanks of unquoted expansions; quoted empty text still makes a field. */
  private static List<Field> split(List<Segment> segs) {
    List<Field> fields = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    StringBuilder pat = new StringBuilder();
    boolean glob = false;
    boolean has = false;
    for (Segment s : segs) {
      if (s.fieldBreak()) {
        fields.add(new Field(cur.toString(), pat.toString(), glob));
        cur.setLength(0);
        pat.setLength(0);
        glob = false;
        has = false;
      }
      if (!s.splittable()) {
        cur.append(s.text());
        boolean literal = !s.quoted();
        for (char c : s.text().toCharArray()) {
          if (literal && (c == '*' || c == '?' || c == '[')) {
            glob = true;
            pat.append(c);
          } else {
            Glob.escape(pat, c);
          }
        }
        has |= s.quoted() || !s.text().isEmpty();
        continue;
      }
      for (int i = 0; i < s.text().length(); i++) {
        char c = s.text().charAt(i);
        if (c == ' ' || c == '\t' || c == '\n') {
          if (has) {
            fields.add(new Field(cur.toString(), pat.toString(), glob));
            cur.setLength(0);
            pat.setLength(0);
            glob = false;
            has = false;
          }
        } else {
          cur.append(c);
          Glob.escape(pat, c);
          has = true;
        }
      }
    }
    if (has) {
      fields.add(new Field(cur.toString(), pat.toString(), glob));
    }
    return fields;
  }

  /**
   * A word's text is checked as its parts arrive, so $x$x$x... stops before the joined text is
   * built.
   */
  private static void checkGrowth(List<Segment> segs) {
    long chars = 0;
    for (Segment s : segs) {
      chars += s.text().length();
    }
    SandboxMemory.checkValue(chars, "a word");
  }

  private Future<List<Segment>> segments(Word w, int[] substStatus) {
    List<Segment> out = new ArrayList<>();
    long[] chars = {0};
    Future<Void> f = Future.succeededFuture();
    for (Part p : w.parts()) {
      f =
          f.compose(
              v ->
                  parts(p, substStatus)
                      .map(
                          segs -> {
                            for (Segment seg : segs) {
                              chars[0] += seg.text().length();
                              SandboxMemory.checkValue(chars[0], "a word");
                              out.add(seg);
                            }
                            return null;
                          }));
    }
    return f.map(v -> out);
  }

  private Future<List<Segment>> parts(Part p, int[] substStatus) {
    if (p instanceof Var v && v.quoted() && v.op() == null && v.name().equals("@")) {
      List<String> args = vars.positional();
      if (args.isEmpty()) {
        // "$@" with no arguments is no field at all, not an empty one
        return Future.succeededFuture(List.of(new Segment("", false, false)));
      }
      List<Segment> out = new ArrayList<>();
      for (int i = 0; i < args.size(); i++) {
        out.add(new Segment(args.get(i), false, true, i > 0));
      }
      return Future.succeededFuture(out);
    }
    if (p instanceof Ast.Arith a) {
      return expandJoined(a.expression(), substStatus)
          .map(
              text ->
                  List.of(
                      new Segment(
                          Long.toString(Arithmetic.evaluate(text, vars)),
                          !a.quoted(),
                          a.quoted())));
    }
    return part(p, substStatus).map(List::of);
  }

  private Future<Segment> part(Part p, int[] substStatus) {
    if (p instanceof Lit l) {
      return Future.succeededFuture(new Segment(l.text(), false, l.quoted()));
    }
    if (p instanceof Var v) {
      return variable(v, substStatus).map(text -> new Segment(text, !v.quoted(), v.quoted()));
    }
    Subst s = (Subst) p;
    return substitute(s, substStatus).map(text -> new Segment(text, !s.quoted(), s.quoted()));
  }

  private Future<String> variable(Var v, int[] substStatus) {
    String value = lookup(v.name());
    if (v.op() == null) {
      return Future.succeededFuture(value == null ? "" : value);
    }
    boolean unsetOrEmpty = value == null || value.isEmpty();
    return switch (v.op()) {
      case "#" -> Future.succeededFuture(String.valueOf(value == null ? 0 : value.length()));
      case ":-" ->
          unsetOrEmpty ? expandJoined(v.arg(), substStatus) : Future.succeededFuture(value);
      case "-" ->
          value == null ? expandJoined(v.arg(), substStatus) : Future.succeededFuture(value);
      case ":+" -> unsetOrEmpty ? Future.succeededFuture("") : expandJoined(v.arg(), substStatus);
      case "+" -> value == null ? Future.succeededFuture("") : expandJoined(v.arg(), substStatus);
      case ":=", "=" ->
          (v.op().equals(":=") ? unsetOrEmpty : value == null)
              ? expandJoined(v.arg(), substStatus)
                  .map(
                      d -> {
                        vars.set(v.name(), d);
                        return d;
                      })
              : Future.succeededFuture(value);
      default -> Future.succeededFuture(value == null ? "" : value);
    };
  }

  private String lookup(String name) {
    List<String> pos = vars.positional();
    return switch (name) {
      case "?" -> String.valueOf(lastStatus);
      case "$" -> "4242";
      case "!" -> "";
      case "#" -> String.valueOf(pos.size());
      case "@", "*" -> String.join(" ", pos);
      case "0" -> vars.get("0") != null ? vars.get("0") : "bash";
      default -> {
        if (name.length() == 1 && Character.isDigit(name.charAt(0))) {
          int i = name.charAt(0) - '1';
          yield i < pos.size() ? pos.get(i) : null;
        }
        yield vars.get(name);
      }
    };
  }

  private Future<String> substitute(Subst s, int[] substStatus) {
    BoundedBuffer capture =
        new BoundedBuffer(Budget.MAX_CAPTURE_CHARS, "command substitution output");
    Vars local = vars.copy();
    Interpreter sub = new Interpreter(run, local, lastStatus);
    // stderr of $( ) still reaches the terminal, as in bash.
    Sink err = run.terminal();
    return sub.script(s.script(), new Io((Stdin) null, capture, err))
        .recover(
            e ->
                e instanceof ExitSignal x ? Future.succeededFuture(x.code) : Future.failedFuture(e))
        .andThen(ar -> local.release())
        .map(
            code -> {
              lastStatus = code;
              if (substStatus != null) {
                substStatus[0] = code;
              }
              String text = capture.toString();
              int end = text.length();
              while (end > 0 && text.charAt(end - 1) == '\n') {
                end--;
              }
              return text.substring(0, end);
            });
  }

  // ---- sequencing ----

  /** Runs steps 0..n-1 one after another; answers the last exit code (0 for none). */
  Future<Integer> sequence(int n, IntFunction<Future<Integer>> step) {
    return sequenceFrom(0, n, 0, step);
  }

  private Future<Integer> sequenceFrom(
      int start, int n, int last, IntFunction<Future<Integer>> step) {
    int code = last;
    for (int i = start; i < n; i++) {
      if (i > start && run.budget().shouldYield()) {
        run.budget().checkpoint();
        // a long run of instant commands hands the event loop back now and then, so other sandboxes
        // keep moving
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        if (context != null) {
          int from = i;
          int codeSoFar = code;
          io.vertx.core.Promise<Integer> resumed = io.vertx.core.Promise.promise();
          context.runOnContext(v -> sequenceFrom(from, n, codeSoFar, step).onComplete(resumed));
          return resumed.future();
        }
      }
      Future<Integer> f;
      try {
        f = step.apply(i);
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
      if (!f.isComplete()) {
        int next = i + 1;
        return f.compose(c -> sequenceFrom(next, n, c, step));
      }
      if (f.failed()) {
        return f;
      }
      code = f.result();
    }
    return Future.succeededFuture(code);
  }
}
