package dev.trafficlab.terminal;

import dev.trafficlab.terminal.files.SandboxFiles;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** One run of one command: its arguments, standard streams, and the sandbox it acts on. */
public final class Invocation {
  private final String name;
  private final List<String> args;
  private final Stdin in;
  private final Sink out;
  private final Sink err;
  private final Interpreter interpreter;

  Invocation(
      String name, List<String> args, Stdin in, Sink out, Sink err, Interpreter interpreter) {
    this.name = name;
    this.args = List.copyOf(args);
    this.in = in;
    this.out = out;
    this.err = err;
    this.interpreter = interpreter;
  }

  /** The command name as typed (argv[0]). */
  public String name() {
    return name;
  }

  /** The arguments after the name. */
  public List<String> args() {
    return args;
  }

  /** Standard input, or null when nothing was piped or redirected in. */
  public String stdin() {
    return in == null ? null : in.rest();
  }

  public Sink out() {
    return out;
  }

  public Sink err() {
    return err;
  }

  public void print(String text) {
    out.write(text);
  }

  public void println(String line) {
    out.write(line + "\n");
  }

  public void eprintln(String line) {
    err.write(line + "\n");
  }

  /** Prints "name: message" on stderr and answers that exit code. */
  public Future<Integer> fail(int code, String message) {
    eprintln(name + ": " + message);
    return Future.succeededFuture(code);
  }

  public static Future<Integer> exit(int code) {
    return Future.succeededFuture(code);
  }

  public TerminalContext ctx() {
    return interpreter.run().ctx();
  }

  public SandboxFiles files() {
    return ctx().files();
  }

  public Vars vars() {
    return interpreter.vars();
  }

  public String cwd() {
    return interpreter.vars().cwd();
  }

  /** A path argument as an absolute sandbox path. */
  public String resolve(String path) {
    return SandboxFiles.resolve(cwd(), path);
  }

  public Budget budget() {
    return interpreter.run().budget();
  }

  public Clock clock() {
    return interpreter.run().clock();
  }

  /** The Vert.x instance for timers, or null when the shell runs outside Vert.x. */
  public Vertx vertx() {
    return interpreter.run().vertx();
  }

  /**
   * Asks the page to do something after the command ({"type":"clear"}, {"type":"open","path":...}).
   */
  public void addAction(Map<String, Object> action) {
    interpreter.run().actions().add(action);
  }

  /** The history of the sandbox's shell, oldest first. */
  public List<String> history() {
    return ctx().shell().history();
  }

  /**
   * Runs a script's text (bash FILE) in a copy of the variables, with these positional arguments.
   */
  public Future<Integer> runScript(String text, String scriptName, List<String> positional) {
    return interpreter.runScript(text, scriptName, positional, stdin(), out, err);
  }

  /** Runs a command line in the current shell (eval). */
  public Future<Integer> runHere(String text) {
    return interpreter.runText(text, null, stdin(), out, err);
  }

  /** Runs a file's text in the current shell (source FILE); {@code file} names it in errors. */
  public Future<Integer> runSourced(String file, String text) {
    return interpreter.runText(text, file, stdin(), out, err);
  }

  /** True in a terminal session with a screen (watch refreshes, tail -f follows until Ctrl+C). */
  public boolean live() {
    return budget().live();
  }

  /** True once the learner pressed Ctrl+C: a command that loops by itself ends now. */
  public boolean isInterrupted() {
    return budget().interruption().isInterrupted();
  }

  /**
   * Runs {@code action} on Ctrl+C (at once if it came already), on whichever thread interrupted:
   * cancel a timer, close a follow. The waiting command's future need not complete: the shell ends
   * the wait itself and the line ends with status 130. Answers a handle that forgets the action;
   * call it when the wait ended normally.
   */
  public Runnable onInterrupt(Runnable action) {
    return budget().interruption().onInterrupt(action);
  }

  /** What a command line run inside a command printed (stdout and stderr) and its status. */
  public record Captured(String output, int exitCode) {}

  /**
   * Runs a command line in a subshell (watch's command, http's request) and keeps what it prints
   * (bounded like a pipe) instead of showing it.
   */
  public Future<Captured> capture(String commandLine) {
    BoundedBuffer buf = new BoundedBuffer(Budget.MAX_CAPTURE_CHARS, "command output");
    return interpreter
        .runScript(commandLine, "bash", List.of(), stdin(), buf, buf)
        .map(code -> new Captured(buf.toString(), code));
  }

  /**
   * Runs {@code turn} now and then again {@code periodMs} after each turn ended, until a turn
   * answers false (status 0), Ctrl+C (the line ends with 130 at once and no timer stays), the
   * sandbox goes, or the line's sleep allowance is used up (each pause counts as sleep). For
   * commands that follow or refresh in a live session: watch, tail -f, kubectl get -w, logs -f. The
   * turns run on the line's own context, one at a time.
   */
  public Future<Integer> repeat(long periodMs, java.util.function.Supplier<Future<Boolean>> turn) {
    io.vertx.core.Promise<Integer> done = io.vertx.core.Promise.promise();
    Vertx vertx = vertx();
    if (vertx == null) {
      return fail(1, "no timer available outside the server");
    }
    long[] timer = {-1};
    Runnable forget =
        onInterrupt(
            () -> {
              synchronized (timer) {
                if (timer[0] >= 0) {
                  vertx.cancelTimer(timer[0]);
                }
              }
              done.tryFail(new InterruptSignal());
            });
    Runnable[] next = new Runnable[1];
    next[0] =
        () -> {
          Future<Boolean> f;
          try {
            budget().checkpoint();
            f = turn.get();
          } catch (RuntimeException e) {
            f = Future.failedFuture(e);
          }
          f.onComplete(
              ar -> {
                if (ar.failed()) {
                  done.tryFail(ar.cause());
                } else if (!ar.result()) {
                  done.tryComplete(0);
                } else {
                  try {
                    budget().countSleep(periodMs);
                  } catch (RuntimeException e) {
                    done.tryFail(e);
                    return;
                  }
                  synchronized (timer) {
                    if (!done.future().isComplete()) {
                      timer[0] = vertx.setTimer(periodMs, id -> next[0].run());
                    }
                  }
                }
              });
        };
    next[0].run();
    return done.future().andThen(ar -> forget.run());
  }

  /**
   * The one line that ends a follower (watch, tail -f, kubectl get -w, logs -f) run where there is
   * no screen to follow on (the exec API): it printed what exists now and ends with status 0.
   */
  public void noteNoScreen() {
    eprintln(
        name
            + ": printed once: this run has no live terminal to keep following on (the exec API);"
            + " run it in the terminal to follow until Ctrl+C");
  }

  /** The command registry (help, type). */
  public Map<String, Command> commands() {
    return interpreter.run().commands();
  }
}
