package dev.trafficlab.mesh.regex;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The estimate against the sizes libre2 reports (re2-program-sizes.tsv, measured with libre2
 * 20220601 with a ten-line C++ program calling RE2::ProgramSize()): exact for the patterns a lesson
 * writes, close for the large Unicode classes (whose tables differ between Unicode versions).
 */
class Re2ProgramSizeTest {
  private record Measured(long size, String pattern) {}

  private static List<Measured> measured() throws IOException {
    List<Measured> out = new ArrayList<>();
    try (InputStream in =
        Re2ProgramSizeTest.class.getResourceAsStream("/regex/re2-program-sizes.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.startsWith("#")) {
          int tab = line.indexOf('\t');
          out.add(new Measured(Long.parseLong(line.substring(0, tab)), line.substring(tab + 1)));
        }
      }
    }
    return out;
  }

  @Test
  void matchesLibre2ExactlyWithoutUnicodeProperties() throws IOException {
    List<Measured> all = measured();
    assertThat(all).hasSizeGreaterThan(70);
    for (Measured m : all) {
      if (!m.pattern().contains("\\p") && !m.pattern().contains("*?")) {
        assertThat(Re2ProgramSize.of(m.pattern())).as(m.pattern()).isEqualTo(m.size());
      }
    }
  }

  @Test
  void staysWithinFifteenPercentForUnicodeProperties() throws IOException {
    for (Measured m : measured()) {
      assertThat((double) Re2ProgramSize.of(m.pattern()))
          .as(m.pattern())
          .isBetween(m.size() * 0.85, m.size() * 1.15);
    }
  }

  @Test
  void theEnvoyLimitFallsWhereLibre2PutsIt() {
    assertThat(Re2ProgramSize.exceedsEnvoyLimit("(/[a-z]{1,20}){24}")).isFalse(); // 1012
    assertThat(Re2ProgramSize.exceedsEnvoyLimit("(/[a-z]{1,20}){25}")).isTrue(); // 1054
    assertThat(Re2ProgramSize.exceedsEnvoyLimit("a{1000}")).isFalse(); // 1004
  }

  @Test
  void hugeProgramsAreCountedNotBuilt() {
    // Valid for Go (each nesting path multiplies to 1000) yet billions of instructions: the
    // estimate saturates.
    String wide = "((((\\pL{10}){10}){10}){1}x)".repeat(50);
    assertThat(Re2ProgramSize.of(wide)).isGreaterThan(1_000_000L);
    assertThat(Re2ProgramSize.of("((a{1000}){1000}){1000}"))
        .isEqualTo(1_000_000_000L + 4 + 2 * 1_000_000 + 2000);
  }
}
