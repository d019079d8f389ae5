package dev.trafficlab.server.durable;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.impl.types.ErrorType;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Sandboxes in one Redis shared by several servers (REDIS_URL). Each sandbox is a hash {@code
 * trafficlab:sandbox:ID} (version, page key, last use, state) beside a string {@code
 * trafficlab:page:KEY} holding its id; both expire after the idle timeout, which every use renews.
 * A save is a compare-and-set on the version in a Lua script, which also announces the change (id
 * and version) on the channel {@code trafficlab:changed}; every server subscribes and drops its
 * cached copy before it routes the next request. Redis is the source of truth: run it with AOF.
 *
 * <p>When Redis does not answer, every call fails with {@link VaultUnavailable}; the client makes
 * new connections by itself once it is back, and the subscription is made again, after which every
 * sandbox this server holds is reported changed (announcements sent meanwhile were lost).
 */
public final class RedisVault implements SandboxVault {
  private static final Logger LOG = System.getLogger(RedisVault.class.getName());
  private static final String PREFIX = "trafficlab:";
  private static final String SANDBOX = PREFIX + "sandbox:";
  private static final String PAGE = PREFIX + "page:";
  private static final String SECRET = PREFIX + "secret:";
  private static final String CREATIONS = PREFIX + "creations:";
  private static final String LOCK = PREFIX + "lock:";
  private static final String FATE = PREFIX + "fate:";
  private static final String VERSION = PREFIX + "version:";
  static final String CHANNEL = PREFIX + "changed";

  /** A command Redis has not answered in this long counts as Redis being away. */
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

  private static final Duration RESUBSCRIBE_DELAY = Duration.ofMillis(500);

  /** A change lock outlives a server that died holding it by this much at most. */
  static final Duration TURN_TTL = Duration.ofSeconds(5);

  /** How long a change waits for another server's change to the same sandbox. */
  private static final Duration TURN_WAIT = Duration.ofSeconds(6);

  private static final Duration TURN_POLL = Duration.ofMillis(5);

  private final Vertx vertx;
  private final Redis client;
  private final String address;
  private final Duration idleTimeout;
  private final Clock clock;

  /** Tells this server's announcements from others'. */
  private final String origin;

  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong turns = new AtomicLong();

  /**
   * The sandboxes this server has read or written lately, with when: after a lost subscription they
   * are all reported changed, as this server may hold any of them.
   */
  private final Map<String, Long> held = new ConcurrentHashMap<>();

  private final VersionRounds versionRounds = new VersionRounds(this::storedVersions);
  private final long pruneTimer;
  private volatile RedisConnection subscriber;
  private volatile boolean subscriptionLost;
  private volatile boolean closed;

  private RedisVault(Vertx vertx, Redis client, String address, Duration idle, Clock clock) {
    this.vertx = vertx;
    this.client = client;
    this.address = address;
    this.idleTimeout = idle;
    this.clock = clock;
    this.origin = java.util.UUID.randomUUID().toString();
    long every = Math.max(1000, Math.min(60_000, idle.toMillis() / 4));
    this.pruneTimer = vertx.setPeriodic(every, id -> forgetIdle());
  }

  /**
   * Connects to the Redis at {@code url} ({@code redis://host:port}); fails with a message naming
   * the address when it does not answer, so a wrong REDIS_URL stops the start.
   */
  public static Future<RedisVault> connect(Vertx vertx, String url, Duration idle, Clock clock) {
    URI uri = URI.create(url);
    String address = uri.getHost() + ":" + (uri.getPort() < 0 ? 6379 : uri.getPort());
    Redis client =
        Redis.createClient(
            vertx,
            new RedisOptions()
                .setConnectionString(url)
                .setMaxPoolSize(16)
                .setMaxPoolWaiting(2048)
                .setMaxWaitingHandlers(4096)
                .setNetClientOptions(
                    new NetClientOptions()
                        .setConnectTimeout((int) COMMAND_TIMEOUT.toMillis())
                        .setTcpNoDelay(true)
                        .setTcpKeepAlive(true)));
    RedisVault vault = new RedisVault(vertx, client, address, idle, clock);
    return vault
        .firstAnswer(START_ATTEMPTS)
        .compose(pong -> vault.subscribe())
        .map(vault)
        .recover(
            err -> {
              vault.close();
              return Future.failedFuture(
                  err instanceof VaultUnavailable
                      ? err
                      : new VaultUnavailable("Redis at " + address, err.getMessage()));
            });
  }

  /** A Redis still starting (or a busy machine) may miss one PING: a few tries before giving up. */
  private static final int START_ATTEMPTS = 4;

  private Future<Response> firstAnswer(int attempts) {
    return send(Request.cmd(Command.PING))
        .recover(
            err ->
                attempts <= 1
                    ? Future.failedFuture(err)
                    : Future.<Void>future(p -> vertx.setTimer(250, t -> p.complete()))
                        .compose(v -> firstAnswer(attempts - 1)));
  }

  @Override
  public boolean shared() {
    return true;
  }

  /** The subscription is up only while Redis answers; it is made again as soon as it does. */
  @Override
  public boolean reachable() {
    return subscriber != null;
  }

  /** Where the vault is, for messages: {@code Redis at host:port}. */
  @Override
  public String describe() {
    return "Redis at " + address;
  }

  @Override
  public Future<Optional<StoredSandbox>> load(String id) {
    return send(Request.cmd(Command.HMGET)
            .arg(SANDBOX + id)
            .arg("version")
            .arg("pageKey")
            .arg("lastUsedAt")
            .arg("state"))
        .map(
            reply -> {
              if (reply == null || reply.get(0) == null) {
                return Optional.<StoredSandbox>empty();
              }
              held.put(id, System.nanoTime());
              return Optional.of(
                  new StoredSandbox(
                      id,
                      reply.get(1).toString(),
                      reply.get(0).toLong(),
                      Instant.ofEpochMilli(reply.get(2).toLong()),
                      reply.get(3).toBytes()));
            });
  }

  /**
   * Read in rounds ({@link VersionRounds}): every product page and command checks its cached copy
   * this way, and one command a round trip keeps that check from costing Redis a command a request.
   */
  @Override
  public Future<OptionalLong> storedVersion(String id) {
    return versionRounds.read(id);
  }

  /**
   * The stored versions of these sandboxes (0: none): one MGET of the version strings the saves
   * keep beside the hashes, so a round is one command and one small reply whatever its size (a Lua
   * script reading the hashes cost Redis twenty times the CPU). A sandbox saved by a server of an
   * earlier version has no version string yet: its hash is read instead.
   */
  private Future<List<Long>> storedVersions(List<String> ids) {
    Request versions = Request.cmd(Command.MGET);
    for (String id : ids) {
      versions.arg(VERSION + id);
    }
    return send(versions)
        .compose(
            replies -> {
              List<Long> out = new java.util.ArrayList<>(ids.size());
              List<Request> older = new java.util.ArrayList<>();
              for (int i = 0; i < ids.size(); i++) {
                Response version = replies.get(i);
                out.add(version == null ? null : version.toLong());
                if (version == null) {
                  older.add(Request.cmd(Command.HGET).arg(SANDBOX + ids.get(i)).arg("version"));
                }
              }
              if (older.isEmpty()) {
                return Future.succeededFuture(out);
              }
              return answered(client.batch(older))
                  .map(
                      hashed -> {
                        int next = 0;
                        for (int i = 0; i < out.size(); i++) {
                          if (out.get(i) == null) {
                            Response version = hashed.get(next++);
                            out.set(i, version == null ? 0L : version.toLong());
                          }
                        }
                        return out;
                      });
            });
  }

  @Override
  public Future<Optional<String>> idByPageKey(String pageKey) {
    return send(Request.cmd(Command.GET).arg(PAGE + pageKey))
        .map(reply -> Optional.ofNullable(reply).map(Response::toString));
  }

  @Override
  public Future<Void> save(StoredSandbox sandbox, long expectedVersion) {
    String id = sandbox.id();
    held.put(id, System.nanoTime());
    return send(Request.cmd(Command.EVAL)
            .arg(RedisScripts.SAVE)
            .arg(4)
            .arg(SANDBOX + id)
            .arg(PAGE + sandbox.pageKey())
            .arg(FATE + id)
            .arg(VERSION + id)
            .arg(expectedVersion)
            .arg(sandbox.version())
            .arg(sandbox.pageKey())
            .arg(sandbox.lastUsedAt().toEpochMilli())
            .arg(sandbox.state())
            .arg(idleTimeout.toMillis())
            .arg(CHANNEL)
            .arg(announcement(id, sandbox.version()))
            .arg(id)
            .arg(REMEMBER_GONE.toMillis()))
        .compose(
            reply -> {
              long stored = reply.toLong();
              return stored < 0
                  ? Future.<Void>succeededFuture()
                  : Future.failedFuture(new VersionConflict(id, expectedVersion, stored));
            });
  }

  /**
   * A lock per sandbox ({@code trafficlab:lock:ID}, SET NX with a TTL so a server that dies holding
   * it holds it for {@link #TURN_TTL} at most), taken in the same script that reads the stored
   * version. Waits, polling every few milliseconds on a timer, while another server holds it.
   */
  @Override
  public Future<ChangeTurn> beginChange(String id) {
    String token = origin + ":" + turns.incrementAndGet();
    Promise<ChangeTurn> turn = Promise.promise();
    tryTurn(id, token, System.nanoTime() + TURN_WAIT.toNanos(), turn);
    return turn.future();
  }

  private void tryTurn(String id, String token, long deadline, Promise<ChangeTurn> turn) {
    send(Request.cmd(Command.EVAL)
            .arg(RedisScripts.BEGIN_CHANGE)
            .arg(2)
            .arg(SANDBOX + id)
            .arg(LOCK + id)
            .arg(token)
            .arg(TURN_TTL.toMillis()))
        .onFailure(turn::fail)
        .onSuccess(
            reply -> {
              long stored = reply.toLong();
              if (stored >= 0) {
                turn.complete(new ChangeTurn(stored, () -> endTurn(id, token)));
              } else if (System.nanoTime() - deadline > 0) {
                turn.fail(
                    new VaultUnavailable(
                        describe(),
                        "another server has been changing this sandbox for over "
                            + TURN_WAIT.toSeconds()
                            + " s"));
              } else {
                vertx.setTimer(
                    TURN_POLL.toMillis() + (long) (Math.random() * TURN_POLL.toMillis()),
                    t -> tryTurn(id, token, deadline, turn));
              }
            });
  }

  private Future<Void> endTurn(String id, String token) {
    return send(Request.cmd(Command.EVAL)
            .arg(RedisScripts.END_CHANGE)
            .arg(1)
            .arg(LOCK + id)
            .arg(token))
        .mapEmpty();
  }

  @Override
  public Future<Void> touch(String id, Instant lastUsedAt) {
    held.put(id, System.nanoTime());
    return send(Request.cmd(Command.EVAL)
            .arg(RedisScripts.TOUCH)
            .arg(3)
            .arg(SANDBOX + id)
            .arg(FATE + id)
            .arg(VERSION + id)
            .arg(lastUsedAt.toEpochMilli())
            .arg(idleTimeout.toMillis())
            .arg(PAGE)
            .arg(REMEMBER_GONE.toMillis()))
        .mapEmpty();
  }

  @Override
  public Future<Boolean> remove(String id, Gone why) {
    held.remove(id);
    return send(Request.cmd(Command.EVAL)
            .arg(RedisScripts.REMOVE)
            .arg(3)
            .arg(SANDBOX + id)
            .arg(FATE + id)
            .arg(VERSION + id)
            .arg(PAGE)
            .arg(CHANNEL)
            .arg(announcement(id, 0))
            .arg(why.name())
            .arg(REMEMBER_GONE.toMillis()))
        .map(reply -> reply.toLong() == 1);
  }

  /** A fate that still says "stored" while the sandbox is gone: its TTL ran out. */
  @Override
  public Future<Optional<Gone>> gone(String id) {
    return send(Request.cmd(Command.EVAL)
            .arg(RedisScripts.GONE)
            .arg(2)
            .arg(SANDBOX + id)
            .arg(FATE + id))
        .map(
            reply -> {
              String fate = reply == null ? null : reply.toString();
              if (fate == null || fate.isEmpty()) {
                return Optional.<Gone>empty();
              }
              return Optional.of(fate.equals(Gone.DELETED.name()) ? Gone.DELETED : Gone.EXPIRED);
            });
  }

  /** Redis removes idle sandboxes itself (their TTL is the idle timeout). */
  @Override
  public Future<Integer> expireIdle(Instant cutoff) {
    return Future.succeededFuture(0);
  }

  @Override
  public void onChangedElsewhere(Consumer<String> listener) {
    listeners.add(listener);
  }

  @Override
  public Future<byte[]> sharedSecret(String name, Supplier<byte[]> create) {
    String key = SECRET + name;
    return send(Request.cmd(Command.GET).arg(key))
        .compose(
            found -> {
              if (found != null) {
                return Future.succeededFuture(found.toBytes());
              }
              // Two servers starting at once may both make one: SET NX keeps the first, and both
              // read back the one kept.
              return send(Request.cmd(Command.SET).arg(key).arg(create.get()).arg("NX"))
                  .compose(set -> send(Request.cmd(Command.GET).arg(key)))
                  .map(Response::toBytes);
            });
  }

  @Override
  public Future<Long> countCreation(String clientAddress, Duration window) {
    long windowMillis = Math.max(1, window.toMillis());
    long slot = clock.millis() / windowMillis;
    return send(Request.cmd(Command.EVAL)
            .arg(RedisScripts.COUNT)
            .arg(1)
            .arg(CREATIONS + clientAddress + ":" + slot)
            .arg(windowMillis))
        .map(Response::toLong);
  }

  /** True while the announcement subscription is up (Redis answered lately). */
  public boolean subscribed() {
    return subscriber != null;
  }

  private String announcement(String id, long version) {
    return origin + " " + id + " " + version;
  }

  /**
   * One command, answered on the caller's context. A Redis that refuses the connection, drops it or
   * does not answer in time fails the call with {@link VaultUnavailable}; an error reply is a bug
   * in the command and stays as it is, except LOADING (a restarted Redis reading its AOF).
   */
  private Future<Response> send(Request request) {
    return answered(client.send(request));
  }

  /** What Redis answered, on the caller's context, as {@link #send} describes. */
  private <T> Future<T> answered(Future<T> sent) {
    Context caller = Vertx.currentContext();
    Promise<T> answer = Promise.promise();
    sent.timeout(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .recover(err -> Future.failedFuture(unavailableOr(err)))
        .onComplete(result -> OnCaller.run(caller, () -> answer.handle(result)));
    return answer.future();
  }

  private Throwable unavailableOr(Throwable err) {
    if (err instanceof ErrorType reply && !reply.is("LOADING") && !reply.is("MASTERDOWN")) {
      return new IllegalStateException("Redis refused a command: " + reply.getMessage(), reply);
    }
    return new VaultUnavailable(describe(), err.getMessage());
  }

  /**
   * A connection of its own in subscribe mode. When it ends (Redis stopped, network gone) it is
   * made again every {@link #RESUBSCRIBE_DELAY} until Redis answers.
   */
  private Future<Void> subscribe() {
    return client
        .connect()
        .compose(
            connection -> {
              connection.handler(this::onMessage);
              connection.exceptionHandler(err -> lost(connection));
              connection.endHandler(v -> lost(connection));
              return connection
                  .send(Request.cmd(Command.SUBSCRIBE).arg(CHANNEL))
                  .timeout(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                  .onFailure(err -> connection.close())
                  .map(
                      reply -> {
                        subscriber = connection;
                        return null;
                      });
            })
        .<Void>mapEmpty()
        .onSuccess(v -> resubscribed());
  }

  private void lost(RedisConnection connection) {
    if (subscriber != connection) {
      return;
    }
    subscriber = null;
    subscriptionLost = true;
    if (!closed) {
      LOG.log(Level.WARNING, "Lost the subscription to " + describe() + "; making it again");
      vertx.setTimer(RESUBSCRIBE_DELAY.toMillis(), t -> retrySubscribe());
    }
  }

  private void retrySubscribe() {
    if (closed) {
      return;
    }
    subscribe()
        .onFailure(err -> vertx.setTimer(RESUBSCRIBE_DELAY.toMillis(), t -> retrySubscribe()));
  }

  /**
   * Announcements made while there was no subscription are lost: every held sandbox may be stale.
   */
  private void resubscribed() {
    if (!subscriptionLost) {
      return;
    }
    subscriptionLost = false;
    LOG.log(Level.INFO, "Subscribed to " + describe() + " again");
    for (String id : held.keySet()) {
      notifyChanged(id);
    }
  }

  /** Messages come as [message, channel, payload]; subscribe confirmations are ignored. */
  private void onMessage(Response message) {
    if (message == null || message.size() < 3 || !"message".equals(message.get(0).toString())) {
      return;
    }
    String[] parts = message.get(2).toString(StandardCharsets.UTF_8).split(" ");
    if (parts.length != 3 || parts[0].equals(origin)) {
      return;
    }
    notifyChanged(parts[1]);
  }

  private void notifyChanged(String id) {
    for (Consumer<String> listener : listeners) {
      try {
        listener.accept(id);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "A listener failed on the change of sandbox " + id, e);
      }
    }
  }

  /** Sandboxes not seen for an idle timeout have expired from Redis too. */
  private void forgetIdle() {
    long cutoff = System.nanoTime() - idleTimeout.toNanos();
    held.values().removeIf(seen -> seen - cutoff < 0);
  }

  @Override
  public Future<Void> close() {
    closed = true;
    vertx.cancelTimer(pruneTimer);
    RedisConnection connection = subscriber;
    subscriber = null;
    Future<Void> unsubscribed = connection == null ? Future.succeededFuture() : connection.close();
    return unsubscribed.otherwiseEmpty().compose(v -> client.close());
  }
}
