package dev.trafficlab.server.sandbox;

import dev.trafficlab.bookinfo.app.BookinfoMesh;
import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.store.Snapshot;
import dev.trafficlab.server.lessons.Lesson;
import dev.trafficlab.server.lessons.LessonCatalog;
import dev.trafficlab.server.metrics.OperatorMetrics;
import dev.trafficlab.terminal.files.SandboxFiles;
import io.vertx.core.Future;
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
 * Sandboxes held in this process, and (with a store) kept beyond it. Lookups are lock-free and read
 * memory only; creation is serialised so the cap holds exactly. With the cap at a few thousand,
 * finding the sandbox to evict by a scan (only when full) costs microseconds.
 *
 * <p>With a store, every change is saved before it is answered ({@link SandboxStore#keep}); a
 * stored sandbox not in memory is brought back by {@link #restore} before a request uses it; the
 * cap bounds memory only (an evicted sandbox stays stored), while expiry and removal delete it from
 * the store too.
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

  /** Null: sandboxes live in memory only. */
  private final SandboxStore store;

  /**
   * With a shared store: creations of reserved sandboxes counted ahead in it ({@link #countAhead}),
   * by reservation id, until {@link #use} makes the sandbox.
   */
  private final Map<String, Future<CreationCount>> counted = new ConcurrentHashMap<>();

  /** Loads under way, so two first requests for one stored sandbox make one copy of it. */
  private final Map<String, Future<Optional<Sandbox>>> restoring = new ConcurrentHashMap<>();

  public InMemorySandboxRegistry(
      Clock clock,
      Duration idleTimeout,
      int maxSandboxes,
      LessonCatalog lessons,
      BookinfoMesh dataPlane,
      CreationRateLimiter rateLimiter) {
    this(
        clock,
        idleTimeout,
        maxSandboxes,
        lessons,
        dataPlane,
        rateLimiter,
        new SecureRandom(),
        null,
        null);
  }

  /** Sandboxes kept in this store too, under its shared keys. */
  public InMemorySandboxRegistry(
      Clock clock,
      Duration idleTimeout,
      int maxSandboxes,
      LessonCatalog lessons,
      BookinfoMesh dataPlane,
      CreationRateLimiter rateLimiter,
      SandboxStore store,
      SharedKeys keys) {
    this(
        clock,
        idleTimeout,
        maxSandboxes,
        lessons,
        dataPlane,
        rateLimiter,
        new SecureRandom(),
        store,
        keys);
  }

  InMemorySandboxRegistry(
      Clock clock,
      Duration idleTimeout,
      int maxSandboxes,
      LessonCatalog lessons,
      BookinfoMesh dataPlane,
      CreationRateLimiter rateLimiter,
      SecureRandom random) {
    this(clock, idleTimeout, maxSandboxes, lessons, dataPlane, rateLimiter, random, null, null);
  }

  InMemorySandboxRegistry(
      Clock clock,
      Duration idleTimeout,
      int maxSandboxes,
      LessonCatalog lessons,
      BookinfoMesh dataPlane,
      CreationRateLimiter rateLimiter,
      SecureRandom random,
      SandboxStore store,
      SharedKeys keys) {
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
    this.store = store;
    if (store == null) {
      this.reservations = new Reservations(random);
      this.bootId = secrets.newToken().substring(0, 8);
    } else {
      this.reservations =
          new Reservations(random, keys.reservationMacKey(), keys.reservationCipherKey());
      // The same for every run on this store: a restart keeps the sandboxes, so the cookies stay
      // good.
      this.bootId = keys.storeId();
    }
    if (store != null) {
      store.onChangedElsewhere(this::refresh);
    }
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
  public Future<Optional<Sandbox>> restore(String id) {
    // a copy being replaced by a newer one (changed on another server): wait for the newer
    Future<Optional<Sandbox>> refreshing = id == null ? null : restoring.get(id);
    if (refreshing != null) {
      return refreshing;
    }
    Sandbox live = Secrets.looksLikeToken(id) ? byId.get(id) : null;
    if (live != null || store == null || !Secrets.looksLikeToken(id)) {
      return Future.succeededFuture(Optional.ofNullable(live));
    }
    synchronized (this) {
      if (removed.containsKey(id)) {
        return Future.succeededFuture(Optional.empty());
      }
    }
    Future<Optional<Sandbox>> known = restoring.get(id);
    if (known != null) {
      return known;
    }
    Future<Optional<Sandbox>> loading =
        store.load(id).map(stored -> stored.flatMap(loaded -> admitStored(id, loaded)));
    Future<Optional<Sandbox>> raced = restoring.putIfAbsent(id, loading);
    if (raced != null) {
      return raced;
    }
    return loading.andThen(done -> restoring.remove(id, loading));
  }

  @Override
  public Future<Optional<Sandbox>> restoreByPageKey(String pageKey) {
    Sandbox live = Secrets.looksLikeToken(pageKey) ? byPageKey.get(pageKey) : null;
    if (live != null || store == null || !Secrets.looksLikeToken(pageKey)) {
      return Future.succeededFuture(Optional.ofNullable(live));
    }
    return store
        .idByPageKey(pageKey)
        .compose(
            id -> id.isPresent() ? restore(id.get()) : Future.succeededFuture(Optional.empty()));
  }

  @Override
  public Future<Void> freshen(Sandbox sandbox) {
    if (store == null || !store.shared()) {
      return Future.succeededFuture();
    }
    return sandbox
        .staleCopy()
        .compose(
            stale -> {
              if (!stale) {
                return Future.<Void>succeededFuture();
              }
              refresh(sandbox.id());
              Future<Optional<Sandbox>> loading = restoring.get(sandbox.id());
              return loading == null ? Future.<Void>succeededFuture() : loading.<Void>mapEmpty();
            })
        .otherwiseEmpty();
  }

  /** A stored sandbox into memory, unless it expired or a copy got there first. */
  private Optional<Sandbox> admitStored(String id, SandboxStore.Loaded loaded) {
    if (loaded.gone()) {
      synchronized (this) {
        removed.put(id, loaded.fate());
      }
      return Optional.empty();
    }
    Sandbox restored = loaded.sandbox();
    synchronized (this) {
      Sandbox winner = byId.get(id);
      if (winner != null) {
        return Optional.of(winner);
      }
      if (removed.containsKey(id)) {
        return Optional.empty();
      }
      makeRoom(RESTORED);
      keep(restored, loaded.version());
      owners.put(id, RESTORED);
      byId.put(id, restored);
      byPageKey.put(restored.pageKey(), restored);
    }
    OperatorMetrics.sandboxRestored();
    return Optional.of(restored);
  }

  /** Each change of the sandbox is saved before it is answered, from this stored version on. */
  private void keep(Sandbox sandbox, long storedVersion) {
    if (store != null) {
      store.keep(sandbox, storedVersion);
    }
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
    acquireCounted(r.id(), clientAddress);
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

  @Override
  public Future<Sandbox> createCounted(Lesson lesson, StartState start, String clientAddress) {
    if (!sharedLimit()) {
      return SandboxRegistry.super.createCounted(lesson, start, clientAddress);
    }
    return countShared(clientAddress)
        .transform(
            count -> {
              if (count.failed()) {
                // the store did not answer: this server's own limit decides (and the save will
                // say what is wrong with the store)
                return SandboxRegistry.super.createCounted(lesson, start, clientAddress);
              }
              if (!count.result().retryAfter().isZero()) {
                return Future.failedFuture(
                    new SandboxRateLimitedException(count.result().retryAfter()));
              }
              Sandbox sandbox =
                  newSandbox(
                      secrets.newToken(), secrets.newToken(), secrets.newToken(), lesson, start);
              synchronized (this) {
                admit(sandbox, clientAddress);
              }
              return Future.succeededFuture(sandbox);
            });
  }

  @Override
  public Future<Void> countAhead(String idOrPageKey, boolean pageKey, String clientAddress) {
    if (!sharedLimit() || !Secrets.looksLikeToken(idOrPageKey)) {
      return Future.succeededFuture();
    }
    Optional<Reservation> reservation =
        pageKey ? reservations.byPageKey(idOrPageKey) : reservations.byId(idOrPageKey);
    if (reservation.isEmpty() || fate(reservation.get().id()) != Fate.RESERVED) {
      return Future.succeededFuture();
    }
    Future<CreationCount> count =
        counted.compute(
            reservation.get().id(),
            // a count under way or allowed is the one; a refusal or failure is counted again
            (id, known) ->
                known != null && (!known.isComplete() || allowed(known))
                    ? known
                    : countShared(clientAddress));
    return count.transform(done -> Future.succeededFuture());
  }

  private static boolean allowed(Future<CreationCount> count) {
    return count.succeeded() && count.result().retryAfter().isZero();
  }

  private boolean sharedLimit() {
    return store != null && store.shared();
  }

  /** One creation by this address, counted in the shared store: allowed, or how long to wait. */
  private Future<CreationCount> countShared(String clientAddress) {
    Duration window = rateLimiter.sharedWindow();
    return store
        .countCreation(owner(clientAddress), window)
        .map(
            count -> {
              long now = clock.millis();
              // the store counts in windows aligned on multiples of their length
              Duration wait =
                  count <= rateLimiter.burst()
                      ? Duration.ZERO
                      : Duration.ofMillis(window.toMillis() - now % window.toMillis());
              return new CreationCount(wait, now);
            });
  }

  /** A reserved sandbox's creation: counted ahead in the shared store, else by this server. */
  private void acquireCounted(String reservationId, String clientAddress) {
    Future<CreationCount> count = counted.remove(reservationId);
    if (count != null && count.succeeded()) {
      if (!count.result().retryAfter().isZero()) {
        throw new SandboxRateLimitedException(count.result().retryAfter());
      }
      return;
    }
    acquire(clientAddress);
  }

  /** A creation counted in the shared store: {@code retryAfter} zero when allowed. */
  private record CreationCount(Duration retryAfter, long countedAt) {}

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
    makeRoom(owner);
    keep(sandbox, 0);
    owners.put(sandbox.id(), owner);
    byId.put(sandbox.id(), sandbox);
    OperatorMetrics.sandboxCreated();
    byPageKey.put(sandbox.pageKey(), sandbox);
  }

  /** Holds the lock. */
  private void makeRoom(String owner) {
    while (byId.size() >= maxSandboxes) {
      evictFor(owner);
    }
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

  /**
   * Drops the copy held in memory, because another server changed the stored one: the next use
   * loads that. Running command lines finish on the old copy.
   */
  /**
   * Another server changed the sandbox (or this server's copy was found older than the stored one):
   * the stored one is loaded and takes the copy's place in one step, so a lookup meanwhile finds
   * the old copy (whose changes are refused as stale) or the new one, never none. Requests arriving
   * while it loads wait for it ({@link #restore}).
   */
  private void refresh(String id) {
    Sandbox stale = byId.get(id);
    if (stale == null || store == null) {
      return;
    }
    Future<Optional<Sandbox>> loading =
        store
            .load(id)
            .map(
                stored -> {
                  synchronized (this) {
                    if (byId.get(id) != stale) {
                      // removed or replaced meanwhile
                      return Optional.ofNullable(byId.get(id));
                    }
                    if (stored.isEmpty() || stored.get().gone()) {
                      forget(id);
                      // deleted or expired through another server: this one tells the learner
                      stored.ifPresent(gone -> removed.put(id, gone.fate()));
                      return Optional.<Sandbox>empty();
                    }
                    Sandbox fresh = stored.get().sandbox();
                    keep(fresh, stored.get().version());
                    byId.put(id, fresh);
                    byPageKey.put(fresh.pageKey(), fresh);
                    return Optional.of(fresh);
                  }
                });
    if (restoring.putIfAbsent(id, loading) != null) {
      return;
    }
    loading.onFailure(err -> forget(id)).onComplete(done -> restoring.remove(id, loading));
  }

  private void forget(String id) {
    Sandbox stale = byId.remove(id);
    if (stale != null) {
      byPageKey.remove(stale.pageKey(), stale);
      owners.remove(id);
    }
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
    if (store != null && why == Fate.EVICTED) {
      // Out of memory only: the stored copy is brought back on its next use.
      store.touch(id, gone.lastUsedAt());
      return true;
    }
    if (store != null && why == Fate.EXPIRED && store.shared()) {
      // Idle here is not idle everywhere when servers share the store: another may be serving
      // it. The store's own expiry (Redis TTLs) removes it; this server only lets go of its copy.
      return true;
    }
    if (store != null) {
      store.remove(id, why);
    }
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
    // counts ahead for reservations that were never made after all
    long staleBefore = clock.millis() - rateLimiter.sharedWindow().toMillis();
    counted
        .values()
        .removeIf(c -> c.isComplete() && (c.failed() || c.result().countedAt() < staleBefore));
    if (store != null) {
      // The store's times first (memory has the recent uses), then its own expiry: stored sandboxes
      // nobody brought back since the restart go too.
      for (Sandbox sandbox : byId.values()) {
        store.touch(sandbox.id(), sandbox.lastUsedAt());
      }
      store.expireIdle(now.minus(idleTimeout)).onSuccess(OperatorMetrics::sandboxesExpired);
    }
    return count;
  }

  private boolean idle(Sandbox sandbox, Instant now) {
    return sandbox.lastUsedAt().plus(idleTimeout).isBefore(now);
  }

  /** The sandbox's owner when it was restored from the store (who made it is not stored). */
  private static final String RESTORED = "";

  @Override
  public int size() {
    return byId.size();
  }
}
