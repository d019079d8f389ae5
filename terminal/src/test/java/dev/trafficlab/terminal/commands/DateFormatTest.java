package dev.trafficlab.terminal.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DateFormatTest {
  private static final Instant T = Instant.parse("2026-11-26T20:05:09.123456789Z");

  @Test
  void epochSecondsAndMillisecondsMakeAScriptsTimestamp() {
    assertThat(DateFormat.format("%s%3N", T)).isEqualTo("1795723509123");
    assertThat(DateFormat.format("%s.%N", T)).isEqualTo("1795723509.123456789");
  }

  @Test
  void calendarFieldsAreUtcAndZeroPadded() {
    assertThat(DateFormat.format("%F %T %Z", T)).isEqualTo("2026-11-26 20:05:09 UTC");
    assertThat(DateFormat.format("%H:%M 100%% %q", T)).isEqualTo("20:05 100% %q");
  }
}
