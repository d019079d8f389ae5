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
import io.vertx.core.Promise;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The hook a registry saves sandboxes through: a task that changed kept state is counted and
 * announced, and its answer waits until the listener saved it.
 */
class SandboxChangeHookTest {
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

  private static final Snapshot START =
      Snapshot.empty(Inventory.bookinfo(), IstioProfile.ISTIO_1_8);
  private static final AssetTree ASSETS = AssetTree.of(Map.of("/root/a.txt", "lesson file\n"));
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);

  private record Told(long count, SandboxImage image) {}

  private final List<Told> told = new ArrayList<>();
  private Future<Void> nextSave = Future.succeededFuture();

  private Sandbox listened(Sandbox s) {
    s.onChange(
        (sandbox, count) -> {
          told.add(new Told(count, sandbox.image()));
          return nextSave;
        });
    return s;
  }

  private static Sandbox fresh() {
    return new Sandbox(
        "id",
        "key",
        "csrf",
        "a-lesson",
        StartState.NONE,
        START,
        SandboxFiles.over(ASSETS, CLOCK),
        null,
        CLOCK);
  }

  private static Future<Void> apply(Sandbox s) {
    return s.serially(
        () -> {
          s.config().apply(VS, "default", "STDIN", ApplyMode.APPLY);
          return Future.succeededFuture();
        });
  }

  @Test
  void aChangeIsCountedAndItsAnswerWaitsUntilTheListenerSavedIt() {
    Sandbox s = listened(fresh());
    Promise<Void> saving = Promise.promise();
    nextSave = saving.future();

    Future<Void> answer = apply(s);

    assertThat(told).singleElement().extracting(Told::count).isEqualTo(1L);
    assertThat(
            told.get(0)
                .image()
                .config()
                .snapshot()
                .get(ResourceKind.VIRTUAL_SERVICE, "default", "reviews"))
        .isPresent();
    assertThat(answer.isComplete()).isFalse();
    saving.complete();
    assertThat(answer.succeeded()).isTrue();
    assertThat(s.changeCount()).isEqualTo(1);
  }

  @Test
  void aTaskThatChangedNothingIsNotCounted() {
    Sandbox s = listened(fresh());

    s.serially(() -> Future.succeededFuture(s.config().current().revision())).await();
    s.alongside(() -> Future.succeededFuture(s.files().exists("/root/a.txt"))).await();

    assertThat(told).isEmpty();
    assertThat(s.changeCount()).isZero();
  }

  @Test
  void everyKindOfKeptChangeIsCountedOnce() {
    Sandbox s = listened(fresh());

    apply(s).await();
    s.serially(
            () -> {
              try {
                s.files().write("/root/notes.txt", "mine\n");
              } catch (FilesException e) {
                return Future.failedFuture(e);
              }
              return Future.succeededFuture();
            })
        .await();
    s.alongside(
            () -> {
              s.shell().recordExitCode(s.shell().addHistory("echo hi"), 0);
              return Future.succeededFuture();
            })
        .await();
    s.serially(
            () -> {
              s.progress().markPassed("a-lesson", 1);
              return Future.succeededFuture();
            })
        .await();
    s.reset().await();

    assertThat(told).extracting(Told::count).containsExactly(1L, 2L, 3L, 4L, 5L);
  }

  @Test
  void aTaskThatFailedAfterChangingSomethingIsCountedToo() {
    Sandbox s = listened(fresh());

    Future<Void> answer =
        s.serially(
            () -> {
              s.config().apply(VS, "default", "STDIN", ApplyMode.APPLY);
              return Future.failedFuture(new IllegalStateException("the command failed later"));
            });

    assertThat(answer.cause()).hasMessage("the command failed later");
    assertThat(told).hasSize(1);
  }

  @Test
  void aFailedSaveFailsTheAnswer() {
    Sandbox s = listened(fresh());
    nextSave = Future.failedFuture(new IllegalStateException("the store is unavailable"));

    Future<Void> answer = apply(s);

    assertThat(answer.failed()).isTrue();
    assertThat(answer.cause()).hasMessage("the store is unavailable");
  }

  @Test
  void aRestoredSandboxGoesOnCountingFromItsImage() {
    Sandbox s = fresh();
    apply(s).await();
    s.serially(
            () -> {
              s.progress().markPassed("a-lesson", 1);
              return Future.succeededFuture();
            })
        .await();
    Sandbox restored = listened(Sandbox.restore(s.image(), START, ASSETS, null, CLOCK));

    assertThat(restored.changeCount()).isEqualTo(2);
    restored.serially(() -> Future.succeededFuture()).await();
    assertThat(told).isEmpty();
    restored
        .serially(
            () -> {
              restored.config().delete(ResourceKind.VIRTUAL_SERVICE, "default", "reviews");
              return Future.succeededFuture();
            })
        .await();
    assertThat(told).extracting(Told::count).containsExactly(3L);
  }
}
