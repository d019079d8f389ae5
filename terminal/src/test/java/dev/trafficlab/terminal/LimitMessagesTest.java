package dev.trafficlab.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LimitMessagesTest {
  @Test
  void jvmErrorsBecomeTheLimitTheyMean() {
    assertThat(LimitMessages.of(new OutOfMemoryError("Java heap space")))
        .isEqualTo("memory limit exceeded: the server had no memory left for this command line");
    assertThat(LimitMessages.of(new StackOverflowError()))
        .isEqualTo("nesting limit exceeded: the command line nests too deeply for the lab's shell");
  }

  @Test
  void anUnexpectedErrorNamesNoJavaClass() {
    String message =
        LimitMessages.of(new IllegalStateException("java.util.ConcurrentModificationException"));
    assertThat(message)
        .doesNotContain("java", "Exception", "IllegalState")
        .isEqualTo(
            "the lab's shell could not finish this command line (an internal error, recorded in the server "
                + "log)");
  }

  @Test
  void limitsKeepTheirOwnMessage() {
    assertThat(
            LimitMessages.of(
                new ShellLimitException("loop limit exceeded: at most 1000 loop iterations")))
        .isEqualTo("loop limit exceeded: at most 1000 loop iterations");
  }
}
