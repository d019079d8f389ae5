package dev.trafficlab.server.http;

import dev.trafficlab.server.lessons.Lesson;
import dev.trafficlab.server.sandbox.Sandbox;
import dev.trafficlab.server.sandbox.SandboxRegistry;
import dev.trafficlab.server.sandbox.SandboxRegistry.Fate;
import dev.trafficlab.server.sandbox.SandboxRegistry.Reservation;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Binds a browser to its sandbox with the tl_sandbox cookie, and knows the request-side facts that
 * takes: the client address, whether the browser came over HTTPS. A first visit gets a reserved id
 * (nothing is stored until the sandbox is used); the cookie also carries the id of the server run
 * that issued it, so a learner whose sandbox is gone is told whether it expired or the server
 * restarted.
 */
public final class BrowserSessions {
  /**
   * Name of the browser cookie: {@code <sandbox id>.<boot id>} (HttpOnly, SameSite=Lax, Path=/).
   */
  public static final String COOKIE = "tl_sandbox";

  /**
   * How long the browser keeps the cookie: long enough to tell a returning learner their sandbox
   * expired.
   */
  static final Duration COOKIE_MAX_AGE = Duration.ofDays(30);

  private static final String SESSION_KEY = "trafficlab.browserSession";
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{24}");
  private static final Pattern BOOT = Pattern.compile("[A-Za-z0-9_-]{8}");

  private final SandboxRegistry sandboxes;
  private final int trustedHops;

  /**
   * @param trustedHops how many reverse proxies in front of the server append to X-Forwarded-For
   *     and may be believed (0: none, the peer address is the client's)
   */
  public BrowserSessions(SandboxRegistry sandboxes, int trustedHops) {
    this.sandboxes = sandboxes;
    this.trustedHops = trustedHops;
  }

  /** Why the browser's previous sandbox is gone, when it had one. */
  public enum Notice {
    NONE,
    EXPIRED,
    EVICTED,
    DELETED,
    RESTARTED
  }

  /**
   * The browser's sandbox tokens and its lesson; the sandbox itself may not exist yet (see {@link
   * #use}).
   */
  public record BrowserSession(
      String sandboxId, String csrfToken, String pageKey, String lessonId, Notice notice) {
    public String productPagePath() {
      return "/bookinfo/" + pageKey + "/productpage";
    }
  }

  /**
   * The browser's session, reserving a new sandbox id (and setting the cookie) when the browser has
   * none or its sandbox is gone. Cheap and never refused: nothing is created here.
   */
  public BrowserSession of(RoutingContext ctx) {
    return of(ctx, null);
  }

  /**
   * As {@link #of(RoutingContext)} for a page of this lesson: a browser holds one sandbox, so when
   * its sandbox is another lesson's, it gets a fresh reservation at this lesson's start. A null
   * lesson takes any.
   */
  public BrowserSession of(RoutingContext ctx, Lesson lesson) {
    BrowserSession known = ctx.get(SESSION_KEY);
    if (known != null && (lesson == null || known.lessonId().equals(lesson.id()))) {
      return known;
    }
    Cookie cookie = ctx.request().getCookie(COOKIE);
    String value = cookie == null ? "" : cookie.getValue();
    int dot = value.indexOf('.');
    String id = dot < 0 ? value : value.substring(0, dot);
    String boot = dot < 0 ? "" : value.substring(dot + 1);
    BrowserSession session = null;
    Notice notice = Notice.NONE;
    if (ID.matcher(id).matches()) {
      if (sandboxes.bootId().equals(boot)) {
        Optional<Sandbox> live = sandboxes.byId(id);
        if (live.isPresent()) {
          Sandbox s = live.get();
          session =
              new BrowserSession(s.id(), s.csrfToken(), s.pageKey(), s.lessonId(), Notice.NONE);
        } else {
          Fate fate = sandboxes.fate(id);
          if (fate == Fate.RESERVED) {
            Reservation r = sandboxes.reservation(id).orElseThrow();
            session =
                new BrowserSession(
                    r.id(), r.csrfToken(), r.pageKey(), sandboxes.lessonOf(r).id(), Notice.NONE);
          } else {
            notice =
                switch (fate) {
                  case EXPIRED -> Notice.EXPIRED;
                  case EVICTED -> Notice.EVICTED;
                  case DELETED -> Notice.DELETED;
                  default -> Notice.NONE;
                };
          }
        }
      } else if (boot.isEmpty() || BOOT.matcher(boot).matches()) {
        // Issued by an earlier run of the server (or its version before boot ids): sandboxes live
        // in memory.
        notice = Notice.RESTARTED;
      }
    }
    if (session != null && lesson != null && !session.lessonId().equals(lesson.id())) {
      session = null;
    }
    if (session == null) {
      Reservation r = lesson == null ? sandboxes.reserve() : sandboxes.reserve(lesson);
      session =
          new BrowserSession(
              r.id(), r.csrfToken(), r.pageKey(), sandboxes.lessonOf(r).id(), notice);
      ctx.response().addCookie(cookie(r.id() + "." + sandboxes.bootId(), overHttps(ctx)));
    }
    ctx.put(SESSION_KEY, session);
    return session;
  }

  /** The browser's sandbox if it exists already (marks it used); never makes one. */
  public Optional<Sandbox> live(RoutingContext ctx) {
    return sandboxes.byId(of(ctx).sandboxId());
  }

  /**
   * The browser's sandbox, made now if this is its first use; empty when it is gone.
   *
   * @throws dev.trafficlab.server.sandbox.SandboxRateLimitedException when it must be made and this
   *     address made too many lately
   */
  public Optional<Sandbox> use(RoutingContext ctx) {
    return sandboxes.use(of(ctx).sandboxId(), clientAddress(ctx));
  }

  /** The limit key of the request's client (see {@link ClientAddress}). */
  public String clientAddress(RoutingContext ctx) {
    return ClientAddress.of(ctx, trustedHops);
  }

  /** HTTPS to the browser: directly, or (only behind a trusted proxy) as the proxy reports it. */
  public boolean overHttps(RoutingContext ctx) {
    return ctx.request().isSSL()
        || (trustedHops > 0
            && "https".equalsIgnoreCase(ctx.request().getHeader("X-Forwarded-Proto")));
  }

  /** The registry behind the sessions. */
  public SandboxRegistry sandboxes() {
    return sandboxes;
  }

  static Cookie cookie(String value, boolean secure) {
    return Cookie.cookie(COOKIE, value)
        .setPath("/")
        .setHttpOnly(true)
        .setSameSite(CookieSameSite.LAX)
        .setSecure(secure)
        .setMaxAge(COOKIE_MAX_AGE.toSeconds());
  }
}
