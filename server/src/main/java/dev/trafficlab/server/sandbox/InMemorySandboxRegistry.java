package dev.trafficlab.server.sandbox;

import dev.trafficlab.bookinfo.app.BookinfoMesh;
import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.store.Snapshot;
import dev.trafficlab.server.lessons.Lesson;
import dev.trafficlab.server.lessons.LessonCatalog;
import dev.trafficlab.server.metrics.OperatorMetrics;
import dev.trafficlab.terminal.files.SandboxFiles;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sandboxes held in this process. Lookups are lock-free; creation is serialised so the cap holds
 * exactly. With the cap at a few thousand, finding the sandbox to evict by a scan (only when full)
 * costs microseconds.
 */
public final class InMemorySandboxRegistry implements SandboxRegistry {
  /**
   * Sandboxes made from reservations and since removed, remembered so a returning learner is told
   * why.
   */
  private static final int MIN_REMEMBERED_REMOVALS = 10_000;

  /**
   * The start of an "istioConfig":"none" sandbox, whatever its lesson: Bookinfo running, no Istio
   * resources.
   */
  private static final Snapshot NO_ISTIO_CONFIG =
      Snapshot.empty(Inventory.bookinfo(), IstioProfile.ISTIO_1_8);

  private final Map<String, Sandbox> byId = new ConcurrentHashMap<>();
  private final Map<String, Sandbox> byPageKey = new ConcurrentHashMap<>();

  /** Who made each sandbox: eviction takes from the same address first. */
  private final Map<String, String> owners = new ConcurrentHashMap<>();

  private final Map<String, Fate> removed;
  private final Clock clock;
  private final Duration idleTimeout;
  private final int maxSandboxes;
  private final LessonCatalog lessons;
  private final BookinfoMesh dataPlane;
  private final Secrets secrets;
  private final Reservations reservations;
  private final CreationRateLimiter rateLimiter;
  private final String bootId;

  public InMemorySandboxRegistry(
      Clock clock,
      Duration idleTimeout,
      int maxSandboxes,
      LessonCatalog lessons,
      BookinfoMesh dataPlane,
      CreationRateLimiter rateLimiter) {
    this(clock, idleTimeout, maxSandboxes, lessons, dataPlane, rateLimiter, new SecureRandom());
  }

  InMemorySandboxRegistry(
      Clock clock,
      Duration idleTimeout,
      int maxSandboxes,
      LessonCatalog lessons,
      BookinfoMesh dataPlane,
      CreationRateLimiter rateLimiter,
      SecureRandom random) {
    if (lessons.lessons().size() > Reservations.MAX_LESSONS) {
      throw new IllegalArgumentException(
          "at most " + Reservations.MAX_LESSONS + " lessons, got " + lessons.lessons().size());
    }
    this.clock = clock;
    this.idleTimeout = idleTimeout;
    this.maxSandboxes = maxSandboxes;
    this.lessons = lessons;
    this.dataPlane = dataPlane;
    this.rateLimiter = rateLimiter;
    this.secrets = new Secrets(random);
    this.reservations = new Reservations(random);
    this.bootId = secrets.newToken().substring(0, 8);
    int remember = Math.max(MIN_REMEMBERED_REMOVALS, 4 * maxSandboxes);
    this.removed =
        new LinkedHashMap<>(16, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Fate> eldest) {
            return size() > remember;
          }
        };
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
      // The sweeper has not run yet, but the sandbox is already past its time: it is gone for the
      // learner too.
      remove(sandbox.id(), Fate.EXPIRED);
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
  public Reservation reserve(Lesson lesson) {
    return reservations.reserve(lessons.lessons().indexOf(lesson));
  }

  @Override
  public Optional<Reservation> reservation(String id) {
    return reservations.byId(id);
  }

  @Override
  public Optional<Sandbox> use(String id, String clientAddress) {
    Optional<Sandbox> live = byId(id);
    if (live.isPresent()) {
      return live;
    }
    return materialise(reservations.byId(id), clientAddress);
  }

  @Override
  public Optional<Sandbox> useByPageKey(String pageKey, String clientAddress) {
    Optional<Sandbox> live = byPageKey(pageKey);
    if (live.isPresent()) {
      return live;
    }
    return materialise(reservations.byPageKey(pageKey), clientAddress);
  }

  private Optional<Sandbox> materialise(Optional<Reservation> reservation, String clientAddress) {
    if (reservation.isEmpty() || fate(reservation.get().id()) != Fate.RESERVED) {
      return Optional.empty();
    }
    Reservation r = reservation.get();
    acquire(clientAddress);
    Sandbox fresh = newSandbox(r.id(), r.pageKey(), r.csrfToken(), lessonOf(r), StartState.LESSON);
    synchronized (this) {
      // Two first requests of one page (a command and the product page) may race: the first one
      // made it.
      Sandbox winner = byId.get(r.id());
      if (winner != null) {
        return Optional.of(winner);
      }
      if (removed.containsKey(r.id())) {
        return Optional.empty();
      }
      admit(fresh, clientAddress);
    }
    return Optional.of(fresh);
  }

  @Override
  public Fate fate(String id) {
    if (Secrets.looksLikeToken(id) && byId.containsKey(id)) {
      return Fate.LIVE;
    }
    if (reservations.byId(id).isEmpty()) {
      return Fate.UNKNOWN;
    }
    synchronized (this) {
      return removed.getOrDefault(id, Fate.RESERVED);
    }
  }

  @Override
  public String bootId() {
    return bootId;
  }

  @Override
  public Duration idleTimeout() {
    return idleTimeout;
  }

  @Override
  public Lesson lessonOf(Reservation reservation) {
    List<Lesson> all = lessons.lessons();
    return reservation.lesson() < all.size()
        ? all.get(reservation.lesson())
        : lessons.defaultLesson();
  }

  /**
   * A sandbox at the lesson's start (or with no Istio resources), over the lesson's files; both
   * shared.
   */
  private Sandbox newSandbox(
      String id, String pageKey, String csrfToken, Lesson lesson, StartState start) {
    Snapshot startState = start == StartState.NONE ? NO_ISTIO_CONFIG : lesson.start();
    return new Sandbox(
        id,
        pageKey,
        csrfToken,
        lesson.id(),
        start,
        startState,
        SandboxFiles.over(lesson.assets(), clock),
        dataPlane,
        clock);
  }

  @Override
  public Sandbox create(Lesson lesson, StartState start, String clientAddress) {
    acquire(clientAddress);
    Sandbox sandbox =
        newSandbox(secrets.newToken(), secrets.newToken(), secrets.newToken(), lesson, start);
    synchronized (this) {
      admit(sandbox, clientAddress);
    }
    return sandbox;
  }

  private void acquire(String clientAddress) {
    Duration wait = rateLimiter.acquire(owner(clientAddress));
    if (!wait.isZero()) {
      throw new SandboxRateLimitedException(wait);
    }
  }

  private static String owner(String clientAddress) {
    return clientAddress == null ? "unknown" : clientAddress;
  }

  /** Holds the lock: the cap is exact. */
  private void admit(Sandbox sandbox, String clientAddress) {
    String owner = owner(clientAddress);
    while (byId.size() >= maxSandboxes) {
      evictFor(owner);
    }
    owners.put(sandbox.id(), owner);
    byId.put(sandbox.id(), sandbox);
    OperatorMetrics.sandboxCreated();
    byPageKey.put(sandbox.pageKey(), sandbox);
  }

  /**
   * One address cannot push out other people's work: at the cap, a new sandbox replaces this
   * address's least recently used one, and only an address holding none takes the least recently
   * used of all.
   */
  private void evictFor(String owner) {
    Comparator<Sandbox> lru = Comparator.comparing(Sandbox::lastUsedAt);
    Optional<Sandbox> own =
        byId.values().stream().filter(s -> owner.equals(owners.get(s.id()))).min(lru);
    Optional<Sandbox> victim = own.isPresent() ? own : byId.values().stream().min(lru);
    victim.ifPresent(s -> remove(s.id(), Fate.EVICTED));
  }

  @Override
  public boolean remove(String id) {
    return remove(id, Fate.DELETED);
  }

  private boolean remove(String id, Fate why) {
    Sandbox gone = id == null ? null : byId.remove(id);
    if (gone == null) {
      return false;
    }
    byPageKey.remove(gone.pageKey(), gone);
    gone.close();
    owners.remove(id);
    if (reservations.byId(id).isPresent()) {
      synchronized (this) {
        removed.put(id, why);
      }
    }
    return true;
  }

  @Override
  public int expireIdle() {
    Instant now = clock.instant();
    int count = 0;
    for (Sandbox sandbox : byId.values()) {
      if (idle(sandbox, now) && remove(sandbox.id(), Fate.EXPIRED)) {
        count++;
      }
    }
    rateLimiter.prune();
    return count;
  }

  private boolean idle(Sandbox sandbox, Instant now) {
    return sandbox.lastUsedAt().plus(idleTimeout).isBefore(now);
  }

  @Override
  public int size() {
    return byId.size();
  }
}
