package dev.trafficlab.terminal.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Whatever a learner types, the shell grammar either parses it or refuses it with bash's wording:
 * no other exception (and so no stack trace or JVM name in the terminal) ever escapes. The seeds
 * under {@code ParserFuzzTestInputs/} run as regression tests in {@code mvn verify}; {@code
 * JAZZER_FUZZ=1} fuzzes.
 */
class ParserFuzzTest {

  @FuzzTest(maxDuration = "10m")
  void anyCommandLineParsesOrGetsBashsError(byte[] input) {
    String line = new String(input, StandardCharsets.UTF_8);
    try {
      assertThat(Parser.parse(line)).isNotNull();
    } catch (ParseException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
