package dev.trafficlab.server.sandbox;

import dev.trafficlab.server.lessons.Lesson;
import dev.trafficlab.server.lessons.checks.CheckTerminal;
import dev.trafficlab.server.lessons.imports.PageScripts;
import dev.trafficlab.server.lessons.imports.SetupScripts;
import dev.trafficlab.terminal.Shell;
import dev.trafficlab.terminal.commands.StandardCommands;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs an imported scenario's page scripts in the sandbox's safe shell when the page first opens
 * (and those of the pages before it that have not run yet: a learner who opens step 2 first still
 * gets the intro's set-up), through the sandbox's serial queue. The background script runs unseen
 * in a shell of its own; the foreground script is typed into terminal T1 piece by piece, in the
 * learner's shell, its output kept on T1's screen. Set-up the lab already has is answered with a
 * one-line note there instead ({@link SetupScripts}).
 */
public final class PageScriptRunner {
  private PageScriptRunner() {}

  /** The terminal's prompt (session.TerminalSession's), before each line typed for the script. */
  static final String PROMPT = "controlplane $ ";

  // stateless (a command table): one for every sandbox
  private static final Shell SHELL = new Shell(StandardCommands.all(), null, Clock.systemUTC());

  /** The page names of a lesson in order: intro, step1 ... stepN, finish. */
  static List<String> pages(Lesson lesson) {
    List<String> pages = new ArrayList<>();
    pages.add("intro");
    for (int i = 1; i <= lesson.steps().size(); i++) {
      pages.add("step" + i);
    }
    pages.add("finish");
    return pages;
  }

  /**
   * Runs the scripts of {@code page} and of the pages before it not run yet in this sandbox;
   * nothing for a packaged lesson.
   */
  public static Future<Void> open(Sandbox sandbox, Lesson lesson, String page) {
    var imported = lesson.origin().imported();
    if (imported.isEmpty()) {
      return Future.succeededFuture();
    }
    List<String> pages = pages(lesson);
    int upTo = pages.indexOf(page);
    if (upTo < 0) {
      return Future.succeededFuture();
    }
    List<PageScripts> due = new ArrayList<>();
    for (String p : pages.subList(0, upTo + 1)) {
      if (sandbox.firstOpening(p)) {
        PageScripts scripts = imported.get().scriptsOf(p);
        if (!scripts.isEmpty()) {
          due.add(scripts);
        }
      }
    }
    if (due.isEmpty()) {
      return Future.succeededFuture();
    }
    return sandbox.serially(
        () -> {
          Future<Void> chain = Future.succeededFuture();
          for (PageScripts s : due) {
            chain = chain.compose(v -> run(sandbox, s));
          }
          return chain;
        });
  }

  private static Future<Void> run(Sandbox sandbox, PageScripts scripts) {
    Future<Void> background =
        scripts.background().isBlank()
            ? Future.succeededFuture()
            : SHELL
                .exec(new CheckTerminal(sandbox), SetupScripts.runnable(scripts.background()))
                .<Void>mapEmpty()
                .otherwiseEmpty();
    if (scripts.foreground().isBlank()) {
      return background;
    }
    Scrollback screen = sandbox.terminals().open("T1").orElse(null);
    Future<Void> chain = background;
    for (SetupScripts.Piece piece : SetupScripts.read(scripts.foreground())) {
      chain = chain.compose(v -> foreground(sandbox, screen, piece));
    }
    return chain;
  }

  private static Future<Void> foreground(
      Sandbox sandbox, Scrollback screen, SetupScripts.Piece piece) {
    String line = piece.answered().isPresent() ? piece.replacement() : piece.text();
    if (piece.answered().isPresent()) {
      show(screen, "# Traffic Lab: " + piece.answered().get() + "\n");
    }
    if (line.isEmpty()) {
      return Future.succeededFuture();
    }
    show(screen, PROMPT + line.replace("\n", "\n> ") + "\n");
    return SHELL
        .exec(sandbox, line)
        .map(
            result -> {
              show(screen, result.output());
              return (Void) null;
            })
        .otherwiseEmpty();
  }

  private static void show(Scrollback screen, String text) {
    if (screen != null && !text.isEmpty()) {
      screen.append(text);
    }
  }
}
