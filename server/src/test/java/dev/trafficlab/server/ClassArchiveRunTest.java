package dev.trafficlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassArchiveRunTest {
  @Test
  void walksALearnersFirstMinuteOnAServerOfItsOwnAndSaysSo() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    // PORT and DATA_DIR as an operator's image may set them: the run takes a free port and a
    // temporary store of its own, so it neither clashes with a server nor writes to its data
    int status =
        ClassArchiveRun.run(
            Map.of("PORT", "1", "DATA_DIR", "/nonexistent/not-writable", "REDIS_URL", "redis://x"),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(status).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("home page, lesson page, a sandbox, two commands and its product page answered");
  }
}
