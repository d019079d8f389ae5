package dev.trafficlab.terminal;

import dev.trafficlab.terminal.syntax.Ast.Script;
import dev.trafficlab.terminal.syntax.ParseException;
import dev.trafficlab.terminal.syntax.Parser;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one command line of the lab's small, safe shell against a sandbox. Never starts a host
 * process and opens no socket except through {@link dev.trafficlab.bookinfo.app.BookinfoMesh} into
 * the sandbox's own mesh.
 *
 * <p>One Shell serves every sandbox: it holds only the (stateless) command table, so {@link #exec}
 * may be called concurrently for many sandboxes. Per-sandbox state lives in the sandbox's {@link
 * ShellState}. Commands that do not wait for the mesh or a timer complete on the calling thread
 * before exec returns; the server calls exec on the sandbox's worker context (never an event loop),
 * and a command that waits continues there. Each command line has a {@link Budget} (CPU time
 * included) and each sandbox a memory budget.
 */
public final class Shell {
  /** The longest command line accepted (characters); the exec endpoint answers 413 above it. */
  public static final int MAX_COMMAND_LENGTH = 10_000;

  private final Vertx vertx;
  private final Clock clock;
  private final Map<String, Command> commands;

  /**
   * @param commands the command table by name (the server passes StandardCommands.all()); copied
   * @param vertx for sleep's timers; null takes the Vert.x instance of the calling context
   * @param clock what date and ages read
   */
  public Shell(Map<String, Command> commands, Vertx vertx, Clock clock) {
    this.vertx = vertx;
    this.clock = clock;
    this.commands = Map.copyOf(commands);
  }

  /**
   * True when the command line is over {@link #MAX_COMMAND_LENGTH}: the endpoint answers 413
   * without running it.
   */
  public static boolean exceedsLimit(String commandLine) {
    return commandLine != null && commandLine.length() > MAX_COMMAND_LENGTH;
  }

  /** The message shown for a command line over the limit. */
  public static String tooLongMessage(String commandLine) {
    return "bash: command line too long: "
        + commandLine.length()
        + " characters (the limit is "
        + MAX_COMMAND_LENGTH
        + ")\n";
  }

  /**
   * Runs a command line through the exec API: output is collected (at most {@link
   * Budget#MAX_OUTPUT_CHARS}) and returned with the exit code when the line ends. There is no
   * screen: watch prints one screen, followers print what exists now.
   */
  public Future<ExecResult> exec(TerminalContext ctx, String commandLine) {
    return launch(ctx, commandLine, null).result();
  }

  /**
   * Runs a command line for a terminal session: everything it prints goes to {@code terminal} as it
   * is produced (a loop with sleep 1 shows a line a second), on the thread that runs the line (the
   * sandbox's worker context in the server: the sink must not block). Output is bounded by {@link
   * Budget#LIVE_MAX_OUTPUT_CHARS}, sleep by {@link Budget#LIVE_MAX_TOTAL_SLEEP_MS}; loops and
   * commands by the same limits as exec. The text may hold several lines (a typed here-document, a
   * multi-line loop: see {@link dev.trafficlab.terminal.syntax.Parser#needsMoreInput}); it runs as
   * one command line. Call it where exec is called (inside the sandbox's serial queue).
   */
  public Execution start(TerminalContext ctx, String commandLine, Sink terminal) {
    return launch(ctx, commandLine, java.util.Objects.requireNonNull(terminal));
  }

  private Execution launch(TerminalContext ctx, String commandLine, Sink terminal) {
    String line = commandLine == null ? "" : commandLine;
    boolean live = terminal != null;
    Interruption interruption = new Interruption();
    LiveSink liveOut = live ? new LiveSink(terminal, Budget.LIVE_MAX_OUTPUT_CHARS) : null;
    if (exceedsLimit(line)) {
      return ended(interruption, liveOut, tooLongMessage(line), 2);
    }
    ShellState state = ctx.shell();
    String trimmed = line.strip();
    int historyLine = trimmed.isEmpty() ? -1 : state.addHistory(trimmed);
    Script script;
    try {
      script = Parser.parse(line);
    } catch (ParseException e) {
      state.setLastExitCode(2);
      if (historyLine >= 0) {
        state.recordExitCode(historyLine, 2);
      }
      return ended(interruption, liveOut, "bash: " + e.getMessage() + "\n", 2);
    }
    BoundedBuffer collected = live ? null : new BoundedBuffer(Budget.MAX_OUTPUT_CHARS, "output");
    Sink out = live ? liveOut : collected;
    List<Map<String, Object>> actions = new ArrayList<>();
    Budget budget = new Budget(interruption, live);
    Interpreter.Run run =
        new Interpreter.Run(
            ctx, budget, clock, vertx(), actions, commands, 0, out, Vertx.currentContext(), 0);
    Interpreter it = new Interpreter(run, Vars.of(state), state.lastExitCode());
    Future<Integer> f;
    state.startRun(budget);
    budget.resume();
    try {
      f = it.script(script, new Interpreter.Io((Stdin) null, out, out));
    } catch (RuntimeException | StackOverflowError e) {
      f = Future.failedFuture(e);
    }
    StringBuilder tail = new StringBuilder();
    Future<ExecResult> result =
        f.recover(
                err -> {
                  if (err instanceof ExitSignal x) {
                    return Future.succeededFuture(x.code);
                  }
                  if (err instanceof InterruptSignal) {
                    // the tty echoes ^C where the cursor is; bash then starts a new line
                    tail.append("^C\n");
                    return Future.succeededFuture(InterruptSignal.STATUS);
                  }
                  boolean lineStart =
                      live ? liveOut.atLineStart() : collected.toString().endsWith("\n");
                  if (!lineStart && (live || collected.length() > 0)) {
                    tail.append('\n');
                  }
                  tail.append("bash: ").append(LimitMessages.of(err)).append('\n');
                  return Future.succeededFuture(1);
                })
            .map(
                code -> {
                  budget.pause();
                  state.endRun(budget);
                  state.setLastExitCode(code);
                  if (historyLine >= 0) {
                    state.recordExitCode(historyLine, code);
                  }
                  if (live) {
                    liveOut.writeFinal(tail.toString());
                    liveOut.close();
                    return new ExecResult("", code, actions);
                  }
                  return new ExecResult(collected + tail.toString(), code, actions);
                });
    return new Execution(interruption, result);
  }

  /** A line that ends before it runs (too long, a syntax error). */
  private static Execution ended(
      Interruption interruption, LiveSink liveOut, String message, int code) {
    if (liveOut != null) {
      liveOut.writeFinal(message);
      liveOut.close();
      message = "";
    }
    return new Execution(interruption, Future.succeededFuture(new ExecResult(message, code, null)));
  }

  private Vertx vertx() {
    if (vertx != null) {
      return vertx;
    }
    Context c = Vertx.currentContext();
    return c == null ? null : c.owner();
  }
}
