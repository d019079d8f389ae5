package dev.trafficlab.server.sandbox;

import dev.trafficlab.bookinfo.BookinfoMesh;
import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.store.Snapshot;
import dev.trafficlab.server.http.ClientAddress;
import dev.trafficlab.server.lessons.Lesson;
import dev.trafficlab.server.lessons.LessonCatalog;
import dev.trafficlab.terminal.files.SandboxFiles;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sandboxes held in this process. Lookups are lock-free; creation is serialised so the cap holds exactly. With the
 * cap at a few thousand, finding the least recently used sandbox by a scan (only when full) costs microseconds.
 */
public final class InMemorySandboxRegistry implements SandboxRegistry {
  /** How long the browser keeps the cookie: long enough to tell a returning learner their sandbox expired. */
  static final Duration COOKIE_MAX_AGE = Duration.ofDays(30);
  private static final String BROWSER_SANDBOX_KEY = "trafficlab.browserSandbox";
  /** The start of an "istioConfig":"none" sandbox, whatever its lesson: Bookinfo running, no Istio resources. */
  private static final Snapshot NO_ISTIO_CONFIG = Snapshot.empty(Inventory.bookinfo(), IstioProfile.ISTIO_1_8);

  private final Map<String, Sandbox> byId = new ConcurrentHashMap<>();
  private final Map<String, Sandbox> byPageKey = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Duration idleTimeout;
  private final int maxSandboxes;
  private final LessonCatalog lessons;
  private final BookinfoMesh dataPlane;
  private final Secrets secrets;
  private final CreationRateLimiter rateLimiter;
  private final boolean trustForwardedFor;

  public InMemorySandboxRegistry(Clock clock, Duration idleTimeout, int maxSandboxes, LessonCatalog lessons,
      BookinfoMesh dataPlane, CreationRateLimiter rateLimiter, boolean trustForwardedFor) {
    this(clock, idleTimeout, maxSandboxes, lessons, dataPlane, rateLimiter, trustForwardedFor, new Secrets());
  }

  InMemorySandboxRegistry(Clock clock, Duration idleTimeout, int maxSandboxes, LessonCatalog lessons,
      BookinfoMesh dataPlane, CreationRateLimiter rateLimiter, boolean trustForwardedFor, Secrets secrets) {
    this.clock = clock;
    this.idleTimeout = idleTimeout;
    this.maxSandboxes = maxSandboxes;
    this.lessons = lessons;
    this.dataPlane = dataPlane;
    this.rateLimiter = rateLimiter;
    this.trustForwardedFor = trustForwardedFor;
    this.secrets = secrets;
  }

  @Override
  public Optional<Sandbox> byId(String id) {
    return used(Secrets.looksLikeToken(id) ? byId.get(id) : null);
  }

  @Override
  public Optional<Sandbox> byPageKey(String pageKey) {
    return used(Secrets.looksLikeToken(pageKey) ? byPageKey.get(pageKey) : null);
  }

  private Optional<Sandbox> used(Sandbox sandbox) {
    if (sandbox == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (idle(sandbox, now)) {
      // The sweeper has not run yet, but the sandbox is already past its time: it is gone for the learner too.
      remove(sandbox.id());
      return Optional.empty();
    }
    sandbox.touch(now);
    return Optional.of(sandbox);
  }

  @Override
  public LessonCatalog lessons() {
    return lessons;
  }

  @Override
  public BrowserSandbox forBrowser(RoutingContext ctx, Lesson lesson) {
    BrowserSandbox known = ctx.get(BROWSER_SANDBOX_KEY);
    if (known != null && (lesson == null || known.sandbox().lessonId().equals(lesson.id()))) {
      return known;
    }
    Cookie cookie = ctx.request().getCookie(COOKIE);
    String id = cookie == null ? null : cookie.getValue();
    Optional<Sandbox> existing = byId(id);
    BrowserSandbox result;
    if (existing.isPresent() && (lesson == null || existing.get().lessonId().equals(lesson.id()))) {
      result = new BrowserSandbox(existing.get(), false);
    } else {
      // A browser holds one sandbox: opening another lesson starts a fresh one at that lesson's start.
      Sandbox created = create(lesson == null ? lessons.defaultLesson() : lesson, StartState.LESSON,
          ClientAddress.of(ctx, trustForwardedFor));
      ctx.response().addCookie(cookieFor(created, overHttps(ctx)));
      // Only a cookie we could have issued means "you had a sandbox": garbage in the cookie is no expiry.
      result = new BrowserSandbox(created, existing.isEmpty() && Secrets.looksLikeToken(id));
    }
    ctx.put(BROWSER_SANDBOX_KEY, result);
    return result;
  }

  /** HTTPS to the browser: directly, or (only behind a trusted proxy) as the proxy reports it. */
  private boolean overHttps(RoutingContext ctx) {
    return ctx.request().isSSL()
        || (trustForwardedFor && "https".equalsIgnoreCase(ctx.request().getHeader("X-Forwarded-Proto")));
  }

  static Cookie cookieFor(Sandbox sandbox, boolean secure) {
    return Cookie.cookie(COOKIE, sandbox.id())
        .setPath("/")
        .setHttpOnly(true)
        .setSameSite(CookieSameSite.LAX)
        .setSecure(secure)
        .setMaxAge(COOKIE_MAX_AGE.toSeconds());
  }

  @Override
  public Sandbox create(Lesson lesson, StartState start, String clientAddress) {
    Duration wait = rateLimiter.acquire(clientAddress == null ? "unknown" : clientAddress);
    if (!wait.isZero()) {
      throw new SandboxRateLimitedException(wait);
    }
    Snapshot startState = start == StartState.NONE ? NO_ISTIO_CONFIG : lesson.start();
    Sandbox sandbox = new Sandbox(secrets.newToken(), secrets.newToken(), secrets.newToken(), lesson.id(), start,
        startState, SandboxFiles.over(lesson.assets(), clock), dataPlane, clock);
    synchronized (this) {
      while (byId.size() >= maxSandboxes) {
        evictLeastRecentlyUsed();
      }
      byId.put(sandbox.id(), sandbox);
      byPageKey.put(sandbox.pageKey(), sandbox);
    }
    return sandbox;
  }

  private void evictLeastRecentlyUsed() {
    byId.values().stream()
        .min(Comparator.comparing(Sandbox::lastUsedAt))
        .ifPresent(lru -> remove(lru.id()));
  }

  @Override
  public boolean remove(String id) {
    Sandbox removed = id == null ? null : byId.remove(id);
    if (removed == null) {
      return false;
    }
    byPageKey.remove(removed.pageKey(), removed);
    return true;
  }

  @Override
  public int expireIdle() {
    Instant now = clock.instant();
    int removed = 0;
    for (Sandbox sandbox : byId.values()) {
      if (idle(sandbox, now) && remove(sandbox.id())) {
        removed++;
      }
    }
    rateLimiter.prune();
    return removed;
  }

  private boolean idle(Sandbox sandbox, Instant now) {
    return sandbox.lastUsedAt().plus(idleTimeout).isBefore(now);
  }

  @Override
  public int size() {
    return byId.size();
  }
}
