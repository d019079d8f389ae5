package dev.trafficlab.server.durable;

import dev.trafficlab.bookinfo.app.BookinfoMesh;
import dev.trafficlab.server.sandbox.Sandbox;
import dev.trafficlab.server.sandbox.SandboxRegistry.Fate;
import dev.trafficlab.server.sandbox.SandboxStore;
import dev.trafficlab.server.sandbox.SharedKeys;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Sandboxes kept in a {@link SandboxVault}, their state written by {@link SandboxStateCodec}. Made
 * again off the event loops (parsing the state and compiling its route table take a moment).
 */
public final class VaultSandboxStore implements SandboxStore {
  private static final System.Logger LOG = System.getLogger(VaultSandboxStore.class.getName());

  private final Vertx vertx;
  private final SandboxVault vault;
  private final SandboxStateCodec codec;
  private final BookinfoMesh dataPlane;
  private final Clock clock;
  private final Duration idleTimeout;

  /** The registry's listeners for a stale copy, told also when this server finds one itself. */
  private final List<Consumer<String>> forgetters = new CopyOnWriteArrayList<>();

  public VaultSandboxStore(
      Vertx vertx,
      SandboxVault vault,
      SandboxStateCodec codec,
      BookinfoMesh dataPlane,
      Clock clock,
      Duration idleTimeout) {
    this.vertx = vertx;
    this.vault = vault;
    this.codec = codec;
    this.dataPlane = dataPlane;
    this.clock = clock;
    this.idleTimeout = idleTimeout;
  }

  /**
   * The vault's shared secrets, each made (at random) by the first server that asks for it and the
   * same for every server after.
   */
  public static Future<SharedKeys> sharedKeys(SandboxVault vault) {
    SecureRandom random = new SecureRandom();
    return vault
        .sharedSecret("reservation-mac", () -> bytes(random, SharedKeys.MAC_KEY_BYTES))
        .compose(
            mac ->
                vault
                    .sharedSecret(
                        "reservation-cipher", () -> bytes(random, SharedKeys.CIPHER_KEY_BYTES))
                    .compose(
                        cipher ->
                            vault
                                .sharedSecret("store-id", () -> bytes(random, 6))
                                .map(
                                    id ->
                                        new SharedKeys(
                                            mac,
                                            cipher,
                                            Base64.getUrlEncoder()
                                                .withoutPadding()
                                                .encodeToString(id)))));
  }

  private static byte[] bytes(SecureRandom random, int length) {
    byte[] b = new byte[length];
    random.nextBytes(b);
    return b;
  }

  @Override
  public Future<Optional<Loaded>> load(String id) {
    return vault
        .load(id)
        .<Optional<Loaded>>compose(
            stored -> {
              if (stored.isEmpty()) {
                // the first use of a reservation, or a learner back for one that went
                return vault.gone(id).map(gone -> gone.map(why -> Loaded.gone(fate(why))));
              }
              StoredSandbox s = stored.get();
              if (s.lastUsedAt().plus(idleTimeout).isBefore(clock.instant())) {
                // idle past its time while the server was down, or before the sweep came by
                return vault
                    .remove(id, SandboxVault.Gone.EXPIRED)
                    .map(removed -> Optional.of(Loaded.gone(Fate.EXPIRED)));
              }
              return vertx
                  .executeBlocking(() -> codec.restore(s.state(), dataPlane, clock), false)
                  .map(sandbox -> Optional.of(Loaded.of(sandbox, s.version())));
            })
        .onFailure(err -> warn("load", id, err));
  }

  @Override
  public Future<Optional<String>> idByPageKey(String pageKey) {
    return vault.idByPageKey(pageKey);
  }

  @Override
  public void keep(Sandbox sandbox, long storedVersion) {
    SandboxSaves saves = new SandboxSaves(sandbox, vault, codec, storedVersion);
    Runnable dropCopy = () -> forgetCopy(sandbox.id());
    sandbox.onChange(
        (s, count) ->
            saves
                .save()
                .onFailure(
                    err -> {
                      // another server saved first: this copy is stale, the next use loads theirs
                      if (err.getCause() instanceof VersionConflict) {
                        dropCopy.run();
                      }
                    }));
    if (vault.shared()) {
      sandbox.gateChanges(new SharedTurns(vault, saves::version, dropCopy));
    }
  }

  private void forgetCopy(String id) {
    for (Consumer<String> forget : forgetters) {
      forget.accept(id);
    }
  }

  @Override
  public boolean shared() {
    return vault.shared();
  }

  @Override
  public void touch(String id, Instant lastUsedAt) {
    vault.touch(id, lastUsedAt).onFailure(err -> warn("record the use of", id, err));
  }

  @Override
  public void remove(String id, Fate why) {
    SandboxVault.Gone gone =
        why == Fate.EXPIRED ? SandboxVault.Gone.EXPIRED : SandboxVault.Gone.DELETED;
    vault.remove(id, gone).onFailure(err -> warn("remove", id, err));
  }

  private static Fate fate(SandboxVault.Gone why) {
    return why == SandboxVault.Gone.EXPIRED ? Fate.EXPIRED : Fate.DELETED;
  }

  @Override
  public Future<Long> countCreation(String clientAddress, Duration window) {
    if (!vault.reachable()) {
      // at once rather than after a timeout: this server's own limit decides meanwhile
      return Future.failedFuture(new VaultUnavailable(vault.describe(), "not subscribed"));
    }
    return vault.countCreation(clientAddress, window);
  }

  @Override
  public Future<Integer> expireIdle(Instant cutoff) {
    return vault.expireIdle(cutoff);
  }

  @Override
  public void onChangedElsewhere(Consumer<String> listener) {
    forgetters.add(listener);
    vault.onChangedElsewhere(listener);
  }

  private static void warn(String what, String id, Throwable err) {
    LOG.log(
        System.Logger.Level.WARNING,
        "the sandbox store could not " + what + " sandbox " + id.substring(0, 6) + "…: " + err);
  }
}
