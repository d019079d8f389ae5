package dev.trafficlab.server.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.mesh.store.ApplyMode;
import dev.trafficlab.mesh.store.Snapshot;
import dev.trafficlab.terminal.files.AssetTree;
import dev.trafficlab.terminal.files.FilesException;
import dev.trafficlab.terminal.files.SandboxFiles;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SandboxResetTest {
  private static final String VS =
      """
      apiVersion: networking.istio.io/v1alpha3
      kind: VirtualService
      metadata:
        name: reviews
      spec:
        hosts: [reviews]
        http:
        - route:
          - destination:
              host: reviews
      """;

  private record Seen(boolean rule, boolean file) {}

  private final Sandbox sandbox =
      new Sandbox(
          "sandbox-id",
          "page-key",
          "a-lesson",
          Snapshot.empty(Inventory.bookinfo(), IstioProfile.ISTIO_1_8),
          SandboxFiles.over(AssetTree.of(Map.of()), Clock.systemUTC()),
          null,
          Instant.now());

  private Seen seen() {
    return new Seen(
        sandbox
            .config()
            .current()
            .get(ResourceKind.VIRTUAL_SERVICE, "default", "reviews")
            .isPresent(),
        sandbox.files().isFile("/root/notes.txt"));
  }

  @Test
  void aReaderNeverSeesTheConfigResetButTheFilesNot() {
    sandbox
        .serially(
            () -> {
              sandbox.config().apply(VS, "default", "STDIN", ApplyMode.APPLY);
              try {
                sandbox.files().write("/root/notes.txt", "mine\n");
              } catch (FilesException e) {
                return Future.failedFuture(e);
              }
              return Future.succeededFuture();
            })
        .await();
    assertThat(seen()).isEqualTo(new Seen(true, true));

    AtomicInteger reads = new AtomicInteger();
    Seen seen =
        sandbox.observe(
            () -> {
              boolean rule =
                  sandbox
                      .config()
                      .current()
                      .get(ResourceKind.VIRTUAL_SERVICE, "default", "reviews")
                      .isPresent();
              if (reads.getAndIncrement() == 0) {
                // a whole reset lands between this reader's two reads
                Thread reset = new Thread(sandbox::resetToLessonStart);
                reset.start();
                join(reset);
              }
              return new Seen(rule, sandbox.files().isFile("/root/notes.txt"));
            });
    assertThat(seen).isEqualTo(new Seen(false, false));
    assertThat(reads).hasValue(2);
  }

  @Test
  void aResetThroughTheQueueWaitsForTheChangeBeforeIt() {
    io.vertx.core.Promise<Void> command = io.vertx.core.Promise.promise();
    sandbox.serially(
        () ->
            command
                .future()
                .map(
                    v -> {
                      sandbox.config().apply(VS, "default", "STDIN", ApplyMode.APPLY);
                      return null;
                    }));
    Future<Void> reset = sandbox.reset();
    assertThat(reset.isComplete()).isFalse();
    command.complete();
    assertThat(reset.succeeded()).isTrue();
    assertThat(seen()).isEqualTo(new Seen(false, false));
  }

  private static void join(Thread t) {
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
