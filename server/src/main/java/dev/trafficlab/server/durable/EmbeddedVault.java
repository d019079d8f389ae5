package dev.trafficlab.server.durable;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * Sandboxes in one file under DATA_DIR, kept by H2's MVStore: a maintained, pure-Java key-value
 * store with copy-on-write pages (a crash leaves the last committed version readable) and no server
 * to run.
 *
 * <p>Store operations run on one worker thread of the vault's own, in the order asked, so the event
 * loops never wait for the disk; a save asked on a worker thread (a sandbox's own context, where
 * its change listener runs) is written and committed right there instead, which spares the apply
 * two thread hops. Every read-modify-write of the maps holds the vault's lock, so a save's version
 * check and write are one step wherever it runs. A save answers once MVStore has committed it, that
 * is written it to the file (the operating system holds it, so it survives the server being
 * killed); the file is synced to the disk (fsync) at most {@link #SYNC_INTERVAL} later, on another
 * thread, so a power cut loses at most that much.
 *
 * <p>MVStore's own background writer is off: it hands every commit to two threads of its own (one
 * serialises the pages, one writes them) and its housekeeping takes the store's lock at moments of
 * its choosing, which together made the save of an apply wait for four thread hops on a 2-core
 * machine (docs/benchmarks.md, "Durable sandboxes, fourth round"). The vault commits each save
 * itself and does the housekeeping on its writer thread every {@link #SYNC_INTERVAL}, a bounded
 * amount at a time ({@link #COMPACT_WRITE_LIMIT}). Pages are not compressed: LZF took a third of
 * the store's CPU for a long history; the file is about twice as big without it (same section).
 */
public final class EmbeddedVault implements SandboxVault {
  /** How often written changes are forced to the disk. */
  public static final Duration SYNC_INTERVAL = Duration.ofSeconds(1);

  /** How long space freed in the file is kept before it is written over. */
  static final Duration RETENTION = SYNC_INTERVAL.multipliedBy(5);

  /**
   * Chunks of the file with less live data than this (percent) are rewritten by the housekeeping,
   * so their space can be used again.
   */
  static final int TARGET_FILL_RATE = 50;

  /**
   * At most about this much is rewritten by one round of housekeeping, which a save waits for when
   * it comes meanwhile: p50 4.3 ms, p90 6.5 ms a round (warm) on a file of 10,000 sandboxes whose
   * chunks were 16% live, which 114 rounds brought to 50% (docs/benchmarks.md, "Durable sandboxes,
   * fourth round").
   */
  static final int COMPACT_WRITE_LIMIT = 256 * 1024;

  /**
   * At most this many keys in a page of the file's B-trees (MVStore's default is 48). A save writes
   * its sandbox's whole leaf again, the other keys' values included; with 8 the file after 3,000
   * sandboxes took 82 MB instead of 130 MB (docs/benchmarks.md, "Durable sandboxes, fourth round").
   */
  static final int KEYS_PER_PAGE = 8;

  /**
   * MVStore's page cache, in MB (its default is 16). It kept every page a save wrote, states of up
   * to 64 KB among them, until the cache was full, so each young GC copied megabytes of pages
   * nobody reads again. Over 3,000 applies to one sandbox the embedded server paused 14 times for
   * 99 ms in all, a memory-only one 5 times for 19 ms; with 1 MB, 8 times for 35 ms
   * (docs/benchmarks.md, "Durable sandboxes, fourth round"). A state is read once, when its sandbox
   * comes back after a restart; the B-trees' inner pages, which every save walks, still fit.
   */
  static final int CACHE_MB = 1;

  /** The store's file in DATA_DIR. */
  public static final String FILE_NAME = "sandboxes.mv.db";

  private final Vertx vertx;
  private final Clock clock;
  private final MVStore store;
  private final WorkerExecutor writer;
  private final WorkerExecutor syncer;
  private final long syncTimer;
  private final AtomicBoolean unsynced = new AtomicBoolean();

  /** Saves handed to the writer and not yet run. */
  private final AtomicInteger queuedSaves = new AtomicInteger();

  /** Saves written and not yet committed, each told when the commit is done (writer thread). */
  private final List<Consumer<Throwable>> uncommitted = new ArrayList<>();

  /** id → encoded state. */
  private final MVMap<String, byte[]> states;

  /** id → {version, last used (epoch ms)}: a touch rewrites these two numbers, not the state. */
  private final MVMap<String, long[]> meta;

  /** id → page key, and back. */
  private final MVMap<String, String> pageKeyOf;

  private final MVMap<String, String> idOfPageKey;
  private final MVMap<String, byte[]> secrets;

  /** client address → {window start (epoch ms), creations in it}. */
  private final MVMap<String, long[]> creations;

  /**
   * id → {fate, since (epoch ms)} of every sandbox stored now ({@link #STORED}) or gone within
   * {@link SandboxVault#REMEMBER_GONE} (the {@link Gone}'s ordinal).
   */
  private final MVMap<String, long[]> fates;

  private static final long STORED = -1;

  private EmbeddedVault(Vertx vertx, Clock clock, MVStore store, WorkerExecutor writer) {
    this.vertx = vertx;
    this.clock = clock;
    this.store = store;
    this.writer = writer;
    this.syncer = vertx.createSharedWorkerExecutor("trafficlab-vault-sync-" + store.hashCode(), 1);
    this.states = store.openMap("states");
    this.meta = store.openMap("meta");
    this.pageKeyOf = store.openMap("pageKeyOf");
    this.idOfPageKey = store.openMap("idOfPageKey");
    this.secrets = store.openMap("secrets");
    this.creations = store.openMap("creations");
    this.fates = store.openMap("fates");
    this.syncTimer = vertx.setPeriodic(SYNC_INTERVAL.toMillis(), id -> housekeeping());
  }

  /**
   * Opens (creating the directory and the file when missing) the store in this directory, off the
   * event loop; creation windows are read on this clock.
   */
  public static Future<EmbeddedVault> open(Vertx vertx, Path dataDir, Clock clock) {
    return open(vertx, dataDir, clock, RETENTION);
  }

  /** As {@link #open(Vertx, Path, Clock)}, freed space kept this long (tests of housekeeping). */
  static Future<EmbeddedVault> open(Vertx vertx, Path dataDir, Clock clock, Duration retention) {
    WorkerExecutor writer = vertx.createSharedWorkerExecutor("trafficlab-vault-" + dataDir, 1);
    return writer
        .<EmbeddedVault>executeBlocking(
            () -> {
              Files.createDirectories(dataDir);
              MVStore store =
                  new MVStore.Builder()
                      .fileName(dataDir.resolve(FILE_NAME).toString())
                      .autoCommitDisabled()
                      // A save rewrites the B-tree leaf holding its sandbox, neighbours included:
                      // 8 a leaf instead of 48 keeps that, and the file, small (KEYS_PER_PAGE).
                      .keysPerPage(KEYS_PER_PAGE)
                      .cacheSize(CACHE_MB)
                      .open();
              // Space of chunks no longer in use is written over this long after: a few syncs
              // later, so a power cut cannot leave the last synced version pointing at overwritten
              // pages, and short enough that the file stays near what it holds.
              store.setRetentionTime((int) retention.toMillis());
              return new EmbeddedVault(vertx, clock, store, writer);
            })
        .onFailure(err -> writer.close());
  }

  /** The store's file (for the sizes the docs state). */
  public static Path file(Path dataDir) {
    return dataDir.resolve(FILE_NAME);
  }

  @Override
  public Future<Optional<StoredSandbox>> load(String id) {
    return run(
        () -> {
          long[] m = meta.get(id);
          byte[] state = states.get(id);
          if (m == null || state == null) {
            return Optional.empty();
          }
          return Optional.of(
              new StoredSandbox(id, pageKeyOf.get(id), m[0], Instant.ofEpochMilli(m[1]), state));
        });
  }

  @Override
  public Future<Optional<String>> idByPageKey(String pageKey) {
    return run(() -> Optional.ofNullable(idOfPageKey.get(pageKey)));
  }

  @Override
  public Future<Void> save(StoredSandbox sandbox, long expectedVersion) {
    if (Context.isOnWorkerThread()) {
      // A thread that may block: write and commit here, answered before returning.
      try {
        synchronized (this) {
          write(sandbox, expectedVersion);
          commit();
        }
        return Future.succeededFuture();
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
    }
    Context caller = Vertx.currentContext();
    Promise<Void> answer = Promise.promise();
    queuedSaves.incrementAndGet();
    writer
        .executeBlocking(
            () -> {
              try {
                synchronized (this) {
                  write(sandbox, expectedVersion);
                }
                uncommitted.add(failure -> answer(caller, answer, failure));
              } catch (RuntimeException e) {
                answer(caller, answer, e);
              } finally {
                // Saves that arrive together share one commit: the last one queued makes it (or
                // every 32nd, so a steady stream of saves is committed too).
                if (queuedSaves.decrementAndGet() == 0 || uncommitted.size() >= 32) {
                  commitSaves();
                }
              }
              return null;
            })
        .onFailure(err -> answer(caller, answer, err));
    return answer.future();
  }

  /** With the vault's lock held. */
  private void write(StoredSandbox sandbox, long expectedVersion) {
    long[] m = meta.get(sandbox.id());
    long stored = m == null ? 0 : m[0];
    if (stored != expectedVersion) {
      throw new VersionConflict(sandbox.id(), expectedVersion, stored);
    }
    states.put(sandbox.id(), sandbox.state());
    meta.put(sandbox.id(), new long[] {sandbox.version(), sandbox.lastUsedAt().toEpochMilli()});
    if (m == null) {
      pageKeyOf.put(sandbox.id(), sandbox.pageKey());
      idOfPageKey.put(sandbox.pageKey(), sandbox.id());
      fates.put(sandbox.id(), new long[] {STORED, clock.millis()});
    }
  }

  /** Writer thread only: commits the saves written so far and answers them. */
  private void commitSaves() {
    if (uncommitted.isEmpty()) {
      return;
    }
    Throwable failure = null;
    try {
      synchronized (this) {
        commit();
      }
    } catch (RuntimeException e) {
      failure = e;
    }
    for (Consumer<Throwable> waiting : uncommitted) {
      waiting.accept(failure);
    }
    uncommitted.clear();
  }

  private static void answer(Context caller, Promise<Void> answer, Throwable failure) {
    Runnable done = () -> answer.tryComplete();
    Runnable failed = () -> answer.tryFail(failure);
    Runnable outcome = failure == null ? done : failed;
    // Always queued, never OnCaller's shortcut: on the store's thread Vert.x reports the context
    // that asked as the current one, and answering there would run the caller's code off its loop.
    if (caller == null) {
      outcome.run();
    } else {
      caller.runOnContext(v -> outcome.run());
    }
  }

  @Override
  public Future<Void> touch(String id, Instant lastUsedAt) {
    return run(
        () -> {
          long[] m = meta.get(id);
          // Written with the next commit (a save, or the housekeeping's within a second): a lost
          // touch only shortens the sandbox's life by the time since the one before.
          if (m != null && m[1] < lastUsedAt.toEpochMilli()) {
            meta.put(id, new long[] {m[0], lastUsedAt.toEpochMilli()});
          }
          return null;
        });
  }

  @Override
  public Future<Boolean> remove(String id, Gone why) {
    return run(
        () -> {
          boolean had = delete(id, why);
          if (had) {
            commit();
          }
          return had;
        });
  }

  @Override
  public Future<Integer> expireIdle(Instant cutoff) {
    return run(
        () -> {
          long before = cutoff.toEpochMilli();
          List<String> idle = new ArrayList<>();
          for (Map.Entry<String, long[]> e : meta.entrySet()) {
            if (e.getValue()[1] < before) {
              idle.add(e.getKey());
            }
          }
          idle.forEach(id -> delete(id, Gone.EXPIRED));
          // Counters whose window ended long ago count nothing any more.
          List<String> stale = new ArrayList<>();
          for (Map.Entry<String, long[]> e : creations.entrySet()) {
            if (e.getValue()[0] < before) {
              stale.add(e.getKey());
            }
          }
          stale.forEach(creations::remove);
          // Fates gone long enough that no cookie can still ask for them.
          long forgotten = clock.millis() - REMEMBER_GONE.toMillis();
          List<String> old = new ArrayList<>();
          for (Map.Entry<String, long[]> e : fates.entrySet()) {
            if (e.getValue()[0] != STORED && e.getValue()[1] < forgotten) {
              old.add(e.getKey());
            }
          }
          old.forEach(fates::remove);
          if (!idle.isEmpty() || !old.isEmpty()) {
            commit();
          }
          return idle.size();
        });
  }

  private boolean delete(String id, Gone why) {
    long[] m = meta.remove(id);
    states.remove(id);
    String pageKey = pageKeyOf.remove(id);
    if (pageKey != null) {
      idOfPageKey.remove(pageKey, id);
    }
    if (m != null) {
      fates.put(id, new long[] {why.ordinal(), clock.millis()});
    }
    return m != null;
  }

  @Override
  public Future<Optional<Gone>> gone(String id) {
    return run(
        () -> {
          long[] fate = fates.get(id);
          if (fate == null || meta.containsKey(id)) {
            return Optional.empty();
          }
          // stored once and no longer, with no reason written down: it can only have expired
          return Optional.of(fate[0] == STORED ? Gone.EXPIRED : Gone.values()[(int) fate[0]]);
        });
  }

  @Override
  public void onChangedElsewhere(Consumer<String> listener) {
    // One process owns the file (MVStore locks it): nothing changes elsewhere.
  }

  @Override
  public Future<byte[]> sharedSecret(String name, Supplier<byte[]> create) {
    return run(
        () -> {
          byte[] known = secrets.get(name);
          if (known != null) {
            return known;
          }
          byte[] made = create.get();
          secrets.put(name, made);
          commit();
          // Everything signed with it from now on depends on it: on the disk before it is used.
          store.sync();
          return made;
        });
  }

  @Override
  public Future<Long> countCreation(String clientAddress, Duration window) {
    return run(
        () -> {
          long now = clock.millis();
          long[] c = creations.get(clientAddress);
          long[] next =
              c == null || now - c[0] >= window.toMillis()
                  ? new long[] {now, 1}
                  : new long[] {c[0], c[1] + 1};
          creations.put(clientAddress, next);
          return next[1];
        });
  }

  /** How many sandboxes the file holds (tests, benchmarks). */
  public Future<Integer> size() {
    return run(meta::size);
  }

  @Override
  public Future<Void> close() {
    vertx.cancelTimer(syncTimer);
    return writer
        .<Void>executeBlocking(
            () -> {
              // commits what is pending, syncs and marks the file cleanly closed
              store.close();
              return null;
            })
        .eventually(() -> syncer.close())
        .eventually(() -> writer.close());
  }

  /**
   * Drops the store without writing anything more, as a killed process would (tests of what a crash
   * keeps).
   */
  public Future<Void> crash() {
    vertx.cancelTimer(syncTimer);
    return writer
        .<Void>executeBlocking(
            () -> {
              store.closeImmediately();
              return null;
            })
        .eventually(() -> syncer.close())
        .eventually(() -> writer.close());
  }

  /** With the vault's lock held. */
  private void commit() {
    store.commit();
    unsynced.set(true);
  }

  /**
   * What MVStore's background writer would do, on the writer thread: moves the live pages of a
   * bounded part of the chunks that are mostly free space (so that space can be used again), then
   * commits what no save committed (those pages, touches) and syncs.
   */
  private void housekeeping() {
    run(this::housekeepingRound).onComplete(ignored -> syncIfWritten());
  }

  /** With the vault's lock held; the percentage of live data in the file's chunks after it. */
  private int housekeepingRound() {
    store.compact(TARGET_FILL_RATE, COMPACT_WRITE_LIMIT);
    if (store.hasUnsavedChanges()) {
      commit();
    }
    return store.getFileStore().getChunksFillRate();
  }

  /**
   * Runs one round of the housekeeping that runs every {@link #SYNC_INTERVAL} (tests, benchmarks).
   *
   * @return the percentage of live data in the file's chunks after it
   */
  Future<Integer> housekeepNow() {
    return run(this::housekeepingRound);
  }

  /** The percentage of live data in the file's chunks (tests, benchmarks). */
  Future<Integer> chunksFillRate() {
    return run(() -> store.getFileStore().getChunksFillRate());
  }

  private void syncIfWritten() {
    if (unsynced.compareAndSet(true, false)) {
      syncer
          .executeBlocking(
              () -> {
                if (!store.isClosed()) {
                  store.sync();
                }
                return null;
              },
              false)
          .onFailure(err -> unsynced.set(true));
    }
  }

  /** On the writer thread, with the vault's lock held. */
  private <T> Future<T> run(Callable<T> work) {
    return writer.executeBlocking(
        () -> {
          synchronized (this) {
            return work.call();
          }
        });
  }
}
