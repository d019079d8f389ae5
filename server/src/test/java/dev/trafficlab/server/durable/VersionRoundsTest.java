package dev.trafficlab.server.durable;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VersionRoundsTest {
  /** A store whose rounds are answered by the test, in order. */
  private final List<List<String>> asked = new ArrayList<>();

  private final List<Promise<List<Long>>> answers = new ArrayList<>();
  private final VersionRounds rounds =
      new VersionRounds(
          ids -> {
            asked.add(List.copyOf(ids));
            Promise<List<Long>> answer = Promise.promise();
            answers.add(answer);
            return answer.future();
          });

  @Test
  void readsAskedWhileARoundIsOutShareTheNextRoundEachSandboxOnce() {
    Future<OptionalLong> first = rounds.read("a");
    Future<OptionalLong> b1 = rounds.read("b");
    Future<OptionalLong> c = rounds.read("c");
    Future<OptionalLong> b2 = rounds.read("b");

    assertThat(asked).containsExactly(List.of("a"));
    answers.get(0).complete(List.of(3L));

    assertThat(first.result()).hasValue(3);
    assertThat(asked).containsExactly(List.of("a"), List.of("b", "c"));
    assertThat(b1.isComplete()).isFalse();
    answers.get(1).complete(List.of(7L, 0L));

    assertThat(b1.result()).hasValue(7);
    assertThat(b2.result()).hasValue(7);
    assertThat(c.result()).isEqualTo(OptionalLong.empty());
    assertThat(asked).hasSize(2);
  }

  @Test
  void aReadIsNeverAnsweredByTheRoundThatWasOutBeforeItWasAsked() {
    Future<OptionalLong> early = rounds.read("a");
    Future<OptionalLong> late = rounds.read("a");

    // the round out was sent before the late read: version 1, from before a change elsewhere
    answers.get(0).complete(List.of(1L));
    assertThat(early.result()).hasValue(1);
    assertThat(late.isComplete()).isFalse();

    answers.get(1).complete(List.of(2L));
    assertThat(late.result()).hasValue(2);
  }

  @Test
  void aFailedRoundFailsItsReadsAndTheNextRoundStillGoesOut() {
    Future<OptionalLong> first = rounds.read("a");
    Future<OptionalLong> second = rounds.read("b");

    answers.get(0).fail(new VaultUnavailable("Redis at here:1", "connection refused"));
    assertThat(first.failed()).isTrue();
    assertThat(first.cause()).isInstanceOf(VaultUnavailable.class);

    answers.get(1).complete(List.of(4L));
    assertThat(second.result()).hasValue(4);
    assertThat(asked).containsExactly(List.of("a"), List.of("b"));
  }

  @Test
  void aMalformedAnswerFailsItsReadsAndDoesNotHoldTheNextRound() {
    Future<OptionalLong> first = rounds.read("a");
    Future<OptionalLong> second = rounds.read("b");

    answers.get(0).complete(List.of()); // no version for "a"
    assertThat(first.failed()).isTrue();
    assertThat(first.cause()).hasMessageContaining("for the versions of [a]");

    answers.get(1).complete(List.of(2L));
    assertThat(second.result()).hasValue(2);
  }

  @Test
  void aReadWhoseListenerThrowsDoesNotKeepTheOthersWaiting() {
    rounds
        .read("a")
        .onSuccess(
            v -> {
              throw new IllegalStateException("a listener's own bug");
            });
    Future<OptionalLong> same = rounds.read("a");
    Future<OptionalLong> later = rounds.read("b");

    answers.get(0).complete(List.of(1L));
    answers.get(1).complete(List.of(1L, 5L));

    assertThat(same.result()).hasValue(1);
    assertThat(later.result()).hasValue(5);
  }

  @Test
  void whenNothingWaitsTheNextReadGoesOutAtOnce() {
    rounds.read("a");
    answers.get(0).complete(List.of(1L));

    Future<OptionalLong> again = rounds.read("a");

    assertThat(asked).containsExactly(List.of("a"), List.of("a"));
    answers.get(1).complete(List.of(1L));
    assertThat(again.result()).hasValue(1);
  }

  @Test
  void eachReadIsAnsweredOnTheContextThatAskedIt() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Context one = vertx.getOrCreateContext();
      Context two = vertx.getOrCreateContext();
      CompletableFuture<Boolean> oneOnOne = new CompletableFuture<>();
      CompletableFuture<Boolean> twoOnTwo = new CompletableFuture<>();
      one.runOnContext(
          v -> rounds.read("a").onComplete(r -> oneOnOne.complete(Vertx.currentContext() == one)));
      awaitAsked(1);
      two.runOnContext(
          v -> rounds.read("b").onComplete(r -> twoOnTwo.complete(Vertx.currentContext() == two)));
      Thread.sleep(50);
      // answered from a third thread, as the Redis client's would be
      answers.get(0).complete(List.of(1L));
      awaitAsked(2);
      answers.get(1).complete(List.of(1L));

      assertThat(oneOnOne.get(5, TimeUnit.SECONDS)).isTrue();
      assertThat(twoOnTwo.get(5, TimeUnit.SECONDS)).isTrue();
    } finally {
      vertx.close().await();
    }
  }

  private void awaitAsked(int rounds) throws InterruptedException {
    for (int i = 0; i < 500 && sizeOfAsked() < rounds; i++) {
      Thread.sleep(10);
    }
    assertThat(sizeOfAsked()).isEqualTo(rounds);
  }

  private int sizeOfAsked() {
    synchronized (this.rounds) {
      return asked.size();
    }
  }
}
