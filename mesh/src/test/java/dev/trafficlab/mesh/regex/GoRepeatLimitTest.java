package dev.trafficlab.mesh.regex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.mesh.validation.GoRegexp;
import org.junit.jupiter.api.Test;

/** Go's regexp/syntax limits on repeat counts, and its other errors with the text Go quotes. */
class GoRepeatLimitTest {
  @Test
  void nestedCountsMayMultiplyToAThousand() {
    assertThat(GoRegexp.compileError("((a{1000}){1000})a0"))
        .isEqualTo("error parsing regexp: invalid repeat count: `{1000}`");
    assertThat(GoRegexp.compileError("(a{2}){501}"))
        .isEqualTo("error parsing regexp: invalid repeat count: `{501}`");
    assertThat(GoRegexp.compileError("(a{2}){500}")).isNull();
    assertThat(GoRegexp.compileError("(?:x{10,}y){100}")).isNull();
    assertThat(GoRegexp.compileError("(?:x{10,}y){101}"))
        .isEqualTo("error parsing regexp: invalid repeat count: `{101}`");
    assertThat(GoRegexp.compileError("(a*){1000}")).as("* + ? are not counted").isNull();
    assertThat(GoRegexp.compileError("((a{0}){1000})")).as("{0} ends the walk").isNull();
  }

  @Test
  void aSingleCountAboveAThousandOrMinAboveMaxIsInvalid() {
    assertThat(GoRegexp.compileError("a{1001}"))
        .isEqualTo("error parsing regexp: invalid repeat count: `{1001}`");
    assertThat(GoRegexp.compileError("a{3,2}"))
        .isEqualTo("error parsing regexp: invalid repeat count: `{3,2}`");
  }

  @Test
  void errorsQuotingARepeatShowTheTextAsWritten() {
    assertThat(GoRegexp.compileError("{2}a"))
        .isEqualTo("error parsing regexp: missing argument to repetition operator: `{2}`");
    assertThat(GoRegexp.compileError("a{2}*"))
        .isEqualTo("error parsing regexp: invalid nested repetition operator: `{2}*`");
    assertThat(GoRegexp.compileError("(a{7}"))
        .isEqualTo("error parsing regexp: missing closing ): `(a{7}`");
  }

  @Test
  void braceThatIsNoRepeatIsALiteral() {
    assertThat(GoRegexp.compileError("a{,5}")).isNull();
    assertThat(GoRegexp.compileError("a{01}")).isNull();
    assertThat(RegexParser.parse("a{01}").defused()).isEqualTo("a{01}");
  }

  @Test
  void deepNestingIsRefusedWithoutWalkingIt() {
    String deep = "(".repeat(5000) + "a" + ")".repeat(5000);
    assertThat(GoRegexp.compileError(deep))
        .startsWith("error parsing regexp: expression nests too deeply");
    assertThat(Re2ProgramSize.of(deep)).isEqualTo(Re2ProgramSize.CAP);
  }
}
