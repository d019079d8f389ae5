package dev.trafficlab.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.terminal.commands.StandardCommands;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A terminal session's command lines: output streams as produced, Ctrl+C ends them at once. */
class LiveSessionTest {
  static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  final Shell shell = new Shell(StandardCommands.all(), null, Clock.systemUTC());
  final FakeTerminal ctx = new FakeTerminal();
  final StringBuffer screen = new StringBuffer();

  /** Starts the line on a Vert.x context, as the server does on the sandbox's worker context. */
  Execution start(String line, Sink sink) {
    CompletableFuture<Execution> e = new CompletableFuture<>();
    vertx.runOnContext(v -> e.complete(shell.start(ctx, line, sink)));
    return get(e);
  }

  Execution start(String line) {
    return start(line, screen::append);
  }

  static <T> T get(CompletableFuture<T> f) {
    try {
      return f.get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static ExecResult result(Execution e) {
    return get(e.result().toCompletionStage().toCompletableFuture());
  }

  @Test
  void outputReachesTheSessionBeforeTheLineEnds() {
    CompletableFuture<Boolean> endedAtFirstLine = new CompletableFuture<>();
    Execution[] running = new Execution[1];
    Promise<Execution> started = Promise.promise();
    Sink sink =
        text -> {
          screen.append(text);
          started.future().onSuccess(e -> endedAtFirstLine.complete(e.result().isComplete()));
        };
    running[0] = start("for i in 1 2 3; do echo line $i; sleep 0.2; done", sink);
    started.complete(running[0]);
    assertThat(get(endedAtFirstLine)).isFalse();
    ExecResult r = result(running[0]);
    assertThat(r.exitCode()).isZero();
    assertThat(r.output()).isEmpty();
    assertThat(screen).hasToString("line 1\nline 2\nline 3\n");
  }

  @Test
  void ctrlCEndsASleepAtOnceWithStatus130() {
    Execution e = start("echo before; sleep 30; echo after");
    e.interrupt();
    ExecResult r = result(e);
    assertThat(r.exitCode()).isEqualTo(130);
    assertThat(screen).hasToString("before\n^C\n");
    assertThat(e.interrupted()).isTrue();
    assertThat(ctx.shell.lastExitCode()).isEqualTo(130);
  }

  @Test
  void ctrlCStopsALoopOfSleepsAndTheStatusIsSeenByTheNextLine() {
    Execution e = start("for i in 1 2 3; do sleep 10; echo $i; done");
    e.interrupt();
    assertThat(result(e).exitCode()).isEqualTo(130);
    assertThat(screen).hasToString("^C\n");
    screen.setLength(0);
    assertThat(result(start("echo $?")).exitCode()).isZero();
    assertThat(screen).hasToString("130\n");
  }

  /** A sink that completes {@code seen} once the screen holds {@code text} {@code times} times. */
  Sink until(String text, int times, CompletableFuture<Void> seen) {
    return chunk -> {
      screen.append(chunk);
      if (screen.toString().split(java.util.regex.Pattern.quote(text), -1).length - 1 >= times) {
        seen.complete(null);
      }
    };
  }

  @Test
  void watchRefreshesTheScreenUntilCtrlC() {
    CompletableFuture<Void> twice = new CompletableFuture<>();
    Execution e = start("watch -n 0.1 echo hi", until("Every 0.1s: echo hi", 2, twice));
    get(twice);
    assertThat(e.result().isComplete()).isFalse();
    e.interrupt();
    assertThat(result(e).exitCode()).isEqualTo(130);
    assertThat(screen.toString())
        .startsWith("\033[H\033[2JEvery 0.1s: echo hi")
        .endsWith("hi\n^C\n");
  }

  @Test
  void tailFollowShowsAppendedLinesUntilCtrlC() throws Exception {
    CompletableFuture<Void> first = new CompletableFuture<>();
    CompletableFuture<Void> appended = new CompletableFuture<>();
    Execution e =
        start(
            "tail -n 1 -f notes.txt",
            chunk -> {
              screen.append(chunk);
              first.complete(null);
              if (screen.toString().contains("four")) {
                appended.complete(null);
              }
            });
    get(first);
    vertx.runOnContext(
        v -> {
          try {
            ctx.files.append("/root/notes.txt", "four\n");
          } catch (Exception ex) {
            appended.completeExceptionally(ex);
          }
        });
    get(appended);
    e.interrupt();
    assertThat(result(e).exitCode()).isEqualTo(130);
    assertThat(screen).hasToString("three\nfour\n^C\n");
  }

  @Test
  void interruptingAnEndedLineChangesNothing() {
    Execution e = start("echo done");
    ExecResult r = result(e);
    e.interrupt();
    assertThat(r.exitCode()).isZero();
    assertThat(screen).hasToString("done\n");
  }

  @Test
  void syntaxErrorsAndLimitMessagesGoToTheSession() {
    assertThat(result(start("echo 'open")).exitCode()).isEqualTo(2);
    assertThat(screen).hasToString("bash: unexpected EOF while looking for matching `''\n");
    screen.setLength(0);
    ExecResult r = result(start("printf x; for i in $(seq 2000); do true; done"));
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(screen)
        .hasToString(
            "x\nbash: loop limit exceeded: at most 1000 loop iterations per command line\n");
  }

  @Test
  void aSessionMaySleepLongerThanTheExecApi() {
    // 40 s of sleep in all is refused through exec; a session allows it (stopped here by Ctrl+C)
    Execution e = start("sleep 10; sleep 10; sleep 10; sleep 10");
    e.interrupt();
    assertThat(result(e).exitCode()).isEqualTo(130);
    ExecResult viaExec =
        get(
            shell
                .exec(ctx, "sleep 10; sleep 10; sleep 10; sleep 10")
                .toCompletionStage()
                .toCompletableFuture());
    assertThat(viaExec.output()).contains("sleep limit exceeded: at most 30 s");
  }

  @Test
  void clearWritesTheTerminalsEscapeSequence() {
    ExecResult r = result(start("clear"));
    assertThat(screen).hasToString("\033[H\033[2J\033[3J");
    assertThat(r.actions()).isEmpty();
  }

  @Test
  void aTypedHereDocumentAppliesAVirtualService() {
    String typed =
        String.join(
            "\n",
            "cat <<EOF | kubectl apply -f -",
            "apiVersion: networking.istio.io/v1alpha3",
            "kind: VirtualService",
            "metadata:",
            "  name: reviews",
            "spec:",
            "  hosts:",
            "  - reviews",
            "  http:",
            "  - route:",
            "    - destination:",
            "        host: reviews",
            "        subset: v1",
            "EOF");
    assertThat(dev.trafficlab.terminal.syntax.Parser.needsMoreInput(typed)).isFalse();
    ExecResult r = result(start(typed));
    assertThat(screen).hasToString("virtualservice.networking.istio.io/reviews created\n");
    assertThat(r.exitCode()).isZero();
  }

  @Test
  void aMultiLineHereDocumentRunsAsOneLine() {
    ExecResult r = result(start("cat <<EOF | grep -c a\nalpha\nbeta\ngamma\nEOF"));
    assertThat(r.exitCode()).isZero();
    assertThat(screen).hasToString("3\n");
  }
}
