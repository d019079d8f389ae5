package dev.trafficlab.server.session;

import dev.trafficlab.server.http.BrowserSessions;
import dev.trafficlab.server.http.CsrfGuard;
import dev.trafficlab.server.http.HttpError;
import dev.trafficlab.server.sandbox.PageScriptRunner;
import dev.trafficlab.server.sandbox.Sandbox;
import dev.trafficlab.server.sandbox.TerminalTabs;
import dev.trafficlab.terminal.Shell;
import dev.trafficlab.terminal.completion.Completer;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The handshake of a terminal's live session, {@code GET /sandbox/terminals/{T1..T4}/socket?csrf=}:
 * refused (403, no upgrade) unless it comes from a page of this server (Origin), with the browser's
 * sandbox cookie and that sandbox's CSRF token; then upgraded to a WebSocket served by a {@link
 * TerminalSession}. A session over the sandbox's limits is accepted only to be told why and closed,
 * so the learner reads the reason in the terminal rather than a silent failure.
 */
public final class TerminalSocket {
  public static final String PATH = "/sandbox/terminals/:name/socket";

  /** The close code of a session refused for a limit (4000-4999 are the application's). */
  static final short LIMIT_CLOSE = 4008;

  private final BrowserSessions sessions;
  private final Shell shell;
  private final Completer completer;

  public TerminalSocket(BrowserSessions sessions, Shell shell, Completer completer) {
    this.sessions = sessions;
    this.shell = shell;
    this.completer = completer;
  }

  public void mount(Router router) {
    router.get(PATH).handler(this::handshake);
  }

  private void handshake(RoutingContext ctx) {
    // A refused handshake ends its connection: it would otherwise wait as a half-used upgrade.
    ctx.response().putHeader("Connection", "close");
    if (!ctx.request().canUpgradeToWebSocket()) {
      throw HttpError.badRequest("this address takes a WebSocket upgrade only");
    }
    if (!sameOrigin(ctx)) {
      throw new HttpError(403, "a terminal session may only be opened from this server's pages");
    }
    if (ctx.request().getCookie(BrowserSessions.COOKIE) == null) {
      throw new HttpError(403, "a terminal session needs the browser's sandbox cookie");
    }
    String name = ctx.pathParam("name");
    if (!TerminalTabs.validName(name)) {
      throw HttpError.notFound("no terminal \"" + shorten(name) + "\": terminals are T1 to T4");
    }
    Sandbox sandbox =
        sessions
            .use(ctx)
            .orElseThrow(
                () ->
                    new HttpError(
                        410,
                        "this browser's sandbox is gone (expired, deleted or the server restarted):"
                            + " reload the page"));
    if (!CsrfGuard.presentsToken(sandbox, ctx.request().getParam("csrf"))) {
      throw new HttpError(403, "the csrf parameter does not match this sandbox: reload the page");
    }
    ctx.response().headers().remove("Connection");
    Future<?> setUp = name.equals("T1") ? pageScripts(ctx, sandbox) : Future.succeededFuture();
    ctx.request()
        .toWebSocket()
        .onSuccess(
            ws -> {
              // the session greets with T1's screen: after the scripts wrote to it
              ws.pause();
              setUp.onComplete(
                  v -> {
                    new TerminalSession(ws, sessions.sandboxes(), sandbox, name, shell, completer)
                        .start();
                    ws.resume();
                  });
            })
        .onFailure(ctx::fail);
  }

  /** How long T1's first session waits for an imported scenario's page scripts before it opens. */
  static final long SCRIPT_WAIT_MS = 5_000;

  /**
   * An imported scenario's scripts of the learner's current page (and the pages before it) when
   * they have not run in this sandbox yet: its terminal is often the sandbox's first use, after the
   * page opened. Waits {@link #SCRIPT_WAIT_MS} at most: a script that loops on does not keep the
   * terminal closed.
   */
  private Future<?> pageScripts(RoutingContext ctx, Sandbox sandbox) {
    var lesson = sessions.sandboxes().lessons().lesson(sandbox.lessonId());
    if (lesson.isEmpty() || lesson.get().origin().imported().isEmpty()) {
      return Future.succeededFuture();
    }
    int step = sandbox.progress().currentStep(lesson.get().id());
    String page = step > 0 ? "step" + step : "intro";
    Future<Void> run = PageScriptRunner.open(sandbox, lesson.get(), page);
    return Future.any(run, ctx.vertx().timer(SCRIPT_WAIT_MS, TimeUnit.MILLISECONDS));
  }

  /**
   * The Origin header names this server as the browser reached it (its Host header): a page of
   * another site cannot open a session even though the browser would send the cookie.
   */
  static boolean sameOrigin(RoutingContext ctx) {
    String origin = ctx.request().getHeader("Origin");
    String host = ctx.request().getHeader("Host");
    if (origin == null || host == null) {
      return false;
    }
    try {
      URI u = new URI(origin);
      if (u.getHost() == null) {
        return false;
      }
      String authority = u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
      return authority.toLowerCase(Locale.ROOT).equals(host.toLowerCase(Locale.ROOT));
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  private static String shorten(String s) {
    String v = s == null ? "" : s;
    return v.length() > 20 ? v.substring(0, 20) + "…" : v;
  }
}
