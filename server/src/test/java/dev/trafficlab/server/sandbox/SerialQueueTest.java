package dev.trafficlab.server.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SerialQueueTest {
  @Test
  void aTaskStartsOnlyWhenThePreviousEnded() {
    SerialQueue queue = new SerialQueue();
    List<String> events = new ArrayList<>();
    Promise<String> first = Promise.promise();
    Future<String> a =
        queue.submit(
            () -> {
              events.add("a started");
              return first.future();
            });
    Future<String> b =
        queue.submit(
            () -> {
              events.add("b started");
              return Future.succeededFuture("b");
            });
    assertThat(events).containsExactly("a started");
    assertThat(b.isComplete()).isFalse();
    first.complete("a");
    assertThat(events).containsExactly("a started", "b started");
    assertThat(a.result()).isEqualTo("a");
    assertThat(b.result()).isEqualTo("b");
  }

  @Test
  void aFailingTaskDoesNotBlockTheNext() {
    SerialQueue queue = new SerialQueue();
    Future<String> a =
        queue.submit(
            () -> {
              throw new IllegalStateException("broken");
            });
    Future<String> b = queue.submit(() -> Future.succeededFuture("b"));
    assertThat(a.failed()).isTrue();
    assertThat(b.result()).isEqualTo("b");
  }
}
