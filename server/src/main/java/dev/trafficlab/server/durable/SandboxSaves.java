package dev.trafficlab.server.durable;

import dev.trafficlab.server.sandbox.Sandbox;
import dev.trafficlab.server.sandbox.SandboxNotSavedException;
import io.vertx.core.Future;

/**
 * One sandbox's saves, one after another: each is the state captured when the change ended, written
 * as the next version, which the vault refuses if another copy of the sandbox saved meanwhile.
 */
final class SandboxSaves {
  private final Sandbox sandbox;
  private final SandboxVault vault;
  private final StateEncoder encoder;
  private volatile long version;
  private Future<Void> tail = Future.succeededFuture();

  /**
   * @param version the version the vault holds (0: never saved)
   */
  SandboxSaves(Sandbox sandbox, SandboxVault vault, SandboxStateCodec codec, long version) {
    this.sandbox = sandbox;
    this.vault = vault;
    this.encoder = codec.encoder();
    this.version = version;
  }

  /** The version the vault held when this copy was loaded, or that it last saved. */
  long version() {
    return version;
  }

  /**
   * Captures the sandbox now (call it where its state holds still: its worker context, between
   * tasks) and saves it after the saves asked for before; completes once the vault has it.
   */
  synchronized Future<Void> save() {
    StoredSandbox state;
    try {
      state =
          new StoredSandbox(
              sandbox.id(),
              sandbox.pageKey(),
              0,
              sandbox.lastUsedAt(),
              encoder.encode(sandbox.image()));
    } catch (RuntimeException e) {
      return Future.failedFuture(new SandboxNotSavedException(e));
    }
    Future<Void> next = tail.transform(ignored -> write(state));
    tail = next;
    return next;
  }

  private Future<Void> write(StoredSandbox state) {
    long expected = version;
    return vault
        .save(
            new StoredSandbox(
                state.id(), state.pageKey(), expected + 1, state.lastUsedAt(), state.state()),
            expected)
        .onSuccess(v -> version = expected + 1)
        .recover(err -> Future.failedFuture(new SandboxNotSavedException(err)));
  }
}
