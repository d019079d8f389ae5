package dev.trafficlab.server.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.store.Snapshot;
import dev.trafficlab.terminal.files.AssetTree;
import dev.trafficlab.terminal.files.FilesException;
import dev.trafficlab.terminal.files.SandboxFiles;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The gate every change passes: where several servers take turns at one sandbox. It is asked before
 * the change runs, can refuse it, and its turn ends only after the change is saved.
 */
class SandboxChangeGateTest {
  private final Sandbox sandbox =
      new Sandbox(
          "sandbox-id",
          "page-key",
          "a-lesson",
          Snapshot.empty(Inventory.bookinfo(), IstioProfile.ISTIO_1_8),
          SandboxFiles.over(AssetTree.of(Map.of()), Clock.systemUTC()),
          null,
          Instant.now());

  private final List<String> events = new CopyOnWriteArrayList<>();

  private Future<Void> write(String content) {
    return sandbox.serially(
        () -> {
          events.add("change");
          try {
            sandbox.files().write("/root/notes.txt", content);
          } catch (FilesException e) {
            return Future.failedFuture(e);
          }
          return Future.succeededFuture();
        });
  }

  @Test
  void theTurnIsTakenBeforeTheChangeAndEndsAfterItsSave() {
    sandbox.onChange(
        (s, count) -> {
          events.add("saved " + count);
          return Future.succeededFuture();
        });
    sandbox.gateChanges(
        (s, line) -> {
          events.add(line ? "enter line" : "enter");
          return Future.succeededFuture(
              () -> {
                events.add("exit");
                return Future.succeededFuture();
              });
        });

    write("one").await();
    sandbox.alongside(() -> Future.succeededFuture("a read")).await();

    assertThat(events).containsExactly("enter", "change", "saved 1", "exit", "enter line", "exit");
  }

  @Test
  void aRefusedChangeDoesNotRunAndFailsWithTheGatesReason() {
    sandbox.gateChanges(
        (s, line) -> Future.failedFuture(new IllegalStateException("the store is away")));

    assertThatThrownBy(() -> write("never").await()).hasMessage("the store is away");
    assertThat(events).isEmpty();
    assertThat(sandbox.files().isFile("/root/notes.txt")).isFalse();
  }

  @Test
  void theTurnEndsAlsoWhenTheSaveFails() {
    sandbox.onChange((s, count) -> Future.failedFuture(new IllegalStateException("not saved")));
    sandbox.gateChanges(
        (s, line) ->
            Future.succeededFuture(
                () -> {
                  events.add("exit");
                  return Future.succeededFuture();
                }));

    assertThatThrownBy(() -> write("one").await()).hasMessage("not saved");
    assertThat(events).containsExactly("change", "exit");
  }
}
