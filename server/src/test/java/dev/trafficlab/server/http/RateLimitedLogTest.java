package dev.trafficlab.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitedLogTest {
  /** Records what would be written. */
  private static final class Lines implements System.Logger {
    final List<String> lines = new ArrayList<>();

    @Override
    public String getName() {
      return "test";
    }

    @Override
    public boolean isLoggable(Level level) {
      return true;
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
      lines.add(msg);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
      lines.add(format);
    }
  }

  @Test
  void aLoopOfOneErrorWritesTheBurstThenCountsWhatItLeftOut() {
    Lines out = new Lines();
    AtomicLong now = new AtomicLong();
    RateLimitedLog log = new RateLimitedLog(out, now::get);
    for (int i = 0; i < 1000; i++) {
      log.log("internal error on GET /x", new IllegalStateException());
    }
    assertThat(out.lines).hasSize(RateLimitedLog.BURST);
    assertThat(log.suppressed()).isEqualTo(1000 - RateLimitedLog.BURST);
    now.addAndGet(RateLimitedLog.INTERVAL_NANOS);
    log.log("internal error on GET /x", new IllegalStateException());
    assertThat(out.lines).hasSize(RateLimitedLog.BURST + 1);
    assertThat(out.lines.get(RateLimitedLog.BURST))
        .endsWith("(990 similar error lines left out before this one)");
    assertThat(log.suppressed()).isZero();
  }
}
