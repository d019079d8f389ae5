package dev.trafficlab.server.session;

import dev.trafficlab.server.metrics.OperatorMetrics;
import dev.trafficlab.server.sandbox.Sandbox;
import dev.trafficlab.server.sandbox.SandboxRegistry;
import dev.trafficlab.server.sandbox.Scrollback;
import dev.trafficlab.server.sandbox.TerminalTabs;
import dev.trafficlab.terminal.ExecResult;
import dev.trafficlab.terminal.Execution;
import dev.trafficlab.terminal.Shell;
import dev.trafficlab.terminal.completion.Completer;
import dev.trafficlab.terminal.completion.Completion;
import dev.trafficlab.terminal.syntax.Parser;
import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;

/**
 * One browser terminal's live session (docs/terminal.md has the messages). The browser edits the
 * line itself and sends each entered line; the session decides whether the input is complete (an
 * open quote or heredoc asks for more with the {@code > } prompt), runs complete input on the
 * sandbox's worker context beside its serial queue ({@link Sandbox#alongside}: a `watch` here never
 * stalls another terminal or an apply), and streams what it prints. Everything the terminal shows
 * is kept in the terminal's {@link Scrollback}.
 *
 * <p>Threading: every handler runs on the WebSocket's event loop, and the command runs on the
 * sandbox's worker context ({@link Sandbox#alongside}), so the event loop never waits. The two
 * volatile flags are the only state the worker reads.
 */
final class TerminalSession {
  static final String PROMPT = "controlplane $ ";
  static final String CONTINUATION = "> ";

  /** Lines typed ahead while a command runs, kept for after it (bash keeps them in the tty). */
  static final int MAX_TYPE_AHEAD = 100;

  private final ServerWebSocket ws;
  private final SandboxRegistry registry;
  // another copy of the same sandbox once the registry replaced ours (changed on another server)
  private volatile Sandbox sandbox;
  private final String name;
  private final Shell shell;
  private final Completer completer;
  private final StringBuilder pending = new StringBuilder();
  private final ArrayDeque<String> typeAhead = new ArrayDeque<>();
  private Scrollback screen;
  private boolean running;
  // read by the sandbox's worker too: the session's output goes nowhere once it closed
  private volatile boolean open;
  // read by the sandbox's worker: the learner interrupted before our command line started
  private volatile boolean interrupted;
  // our command line while it runs, for Ctrl+C
  private volatile Execution execution;

  TerminalSession(
      ServerWebSocket ws,
      SandboxRegistry registry,
      Sandbox sandbox,
      String name,
      Shell shell,
      Completer completer) {
    this.ws = ws;
    this.registry = registry;
    this.sandbox = sandbox;
    this.name = name;
    this.shell = shell;
    this.completer = completer;
  }

  void start() {
    TerminalTabs tabs = sandbox.terminals();
    if (!tabs.startSession()) {
      refuse(
          "This sandbox already has "
              + TerminalTabs.MAX_SESSIONS
              + " terminal sessions open (every browser tab counts its terminals):"
              + " close a terminal or another tab of this lesson, then reload.");
      return;
    }
    Optional<Scrollback> scrollback = tabs.open(name);
    if (scrollback.isEmpty()) {
      tabs.endSession();
      refuse(
          "A sandbox has at most "
              + TerminalTabs.MAX_TERMINALS
              + " terminals: close one (its × on the tab) to open "
              + name
              + ".");
      return;
    }
    open = true;
    screen = scrollback.get();
    ws.closeHandler(v -> closed());
    ws.exceptionHandler(e -> {});
    ws.textMessageHandler(this::message);
    send(
        new JsonObject()
            .put("t", "hello")
            .put("terminal", name)
            .put("terminals", new JsonArray(tabs.names()))
            .put("history", new JsonArray(sandbox.shell().history()))
            .put("scrollback", screen.text()));
  }

  /**
   * The registry holds a newer copy of our sandbox (changed through another server, or brought back
   * from the store): the session moves to it, with its terminal tab, so the next line runs on the
   * latest state.
   */
  private boolean follow(Sandbox newer) {
    if (!newer.terminals().startSession()) {
      refuse("This sandbox already has " + TerminalTabs.MAX_SESSIONS + " terminal sessions open.");
      return false;
    }
    Optional<Scrollback> scrollback = newer.terminals().open(name);
    if (scrollback.isEmpty()) {
      newer.terminals().endSession();
      refuse("A sandbox has at most " + TerminalTabs.MAX_TERMINALS + " terminals.");
      return false;
    }
    sandbox.terminals().endSession();
    sandbox = newer;
    screen = scrollback.get();
    return true;
  }

  private void refuse(String message) {
    ws.writeTextMessage(new JsonObject().put("t", "refused").put("message", message).encode())
        .onComplete(v -> ws.close(TerminalSocket.LIMIT_CLOSE, "limit"));
  }

  private void message(String text) {
    JsonObject m;
    try {
      m = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      return;
    }
    switch (m.getString("t", "")) {
      case "line" -> line(m.getString("text", ""));
      case "int" -> interrupt(m.getString("text", ""));
      case "complete" -> complete(m.getInteger("id", 0), m.getString("line", ""));
      case "clear" -> screen.clear();
      case "close" -> {
        sandbox.terminals().close(name);
        ws.close();
      }
      default -> {}
    }
  }

  private void line(String text) {
    // an entered line is a use of the sandbox (it stays alive), unless it is gone meanwhile
    Optional<Sandbox> live = registry.byId(sandbox.id());
    if (live.isEmpty()) {
      refuse(
          "This sandbox is gone (it expired, was deleted or replaced, or the server restarted):"
              + " reload the page for a new one.");
      return;
    }
    if (live.get() != sandbox && !running && !follow(live.get())) {
      return;
    }
    if (running) {
      if (typeAhead.size() < MAX_TYPE_AHEAD) {
        typeAhead.add(text);
      }
      return;
    }
    screen.append((pending.isEmpty() ? PROMPT : CONTINUATION) + text + "\n");
    if (!pending.isEmpty()) {
      pending.append('\n');
    }
    pending.append(text);
    String input = pending.toString();
    if (Shell.exceedsLimit(input)) {
      pending.setLength(0);
      finish(new ExecResult(Shell.tooLongMessage(input), 2, null));
      return;
    }
    if (Parser.needsMoreInput(input)) {
      send(new JsonObject().put("t", "more"));
      return;
    }
    pending.setLength(0);
    if (input.isBlank()) {
      finish(new ExecResult("", sandbox.shell().lastExitCode(), null));
      return;
    }
    run(input);
  }

  private void run(String command) {
    running = true;
    interrupted = false;
    sandbox
        .alongside(
            () -> {
              if (interrupted || !open) {
                return Future.succeededFuture(new ExecResult("^C\n", 130, null));
              }
              OperatorMetrics.commandRun();
              Execution e = shell.start(sandbox, command, this::output);
              execution = e;
              if (interrupted) {
                e.interrupt();
              }
              return e.result();
            })
        .onComplete(
            ar -> {
              execution = null;
              running = false;
              finish(
                  ar.succeeded()
                      ? ar.result()
                      : new ExecResult("bash: " + ar.cause().getMessage() + "\n", 1, null));
              if (open && !typeAhead.isEmpty()) {
                line(typeAhead.poll());
              }
            });
  }

  /** What the running command line prints, as it prints it (on the sandbox's worker). */
  private void output(String text) {
    screen.append(text);
    send(new JsonObject().put("t", "out").put("d", text));
  }

  private void finish(ExecResult result) {
    if (!result.output().isEmpty()) {
      output(result.output());
    }
    JsonArray actions = new JsonArray();
    for (Map<String, Object> action : result.actions()) {
      if ("clear".equals(action.get("type"))) {
        screen.clear();
      }
      actions.add(new JsonObject(new java.util.LinkedHashMap<>(action)));
    }
    send(new JsonObject().put("t", "done").put("code", result.exitCode()).put("actions", actions));
  }

  /** Ctrl+C: stops our running command line, or abandons the line being typed. */
  private void interrupt(String typed) {
    typeAhead.clear();
    if (running) {
      // the shell prints ^C itself, where the output stands
      interrupted = true;
      Execution e = execution;
      if (e != null) {
        e.interrupt();
      }
      return;
    }
    screen.append((pending.isEmpty() ? PROMPT : CONTINUATION) + typed + "^C\n");
    pending.setLength(0);
  }

  private void complete(int id, String line) {
    if (Shell.exceedsLimit(line)) {
      return;
    }
    sandbox
        .compute(() -> completer.complete(sandbox, line))
        .onSuccess(
            (Completion c) ->
                send(
                    new JsonObject()
                        .put("t", "completion")
                        .put("id", id)
                        .put("from", c.from())
                        .put("common", c.commonPrefix())
                        .put("candidates", new JsonArray(c.candidates()))));
  }

  private void closed() {
    if (!open) {
      return;
    }
    open = false;
    sandbox.terminals().endSession();
    typeAhead.clear();
    if (running) {
      interrupted = true;
      Execution e = execution;
      if (e != null) {
        e.interrupt();
      }
    }
  }

  private void send(JsonObject message) {
    if (open) {
      ws.writeTextMessage(message.encode());
    }
  }
}
