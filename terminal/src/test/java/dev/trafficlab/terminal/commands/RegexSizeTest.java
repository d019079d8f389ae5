package dev.trafficlab.terminal.commands;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegexSizeTest {
  @Test
  void nestedCountedRepeatsMultiply() {
    assertThat(RegexSize.estimate("(a{10}){10}")).isBetween(100L, 130L);
    assertThat(RegexSize.tooBig("((a{1000}){1000}){1000}")).isTrue();
    assertThat(RegexSize.tooBig("(((a{100}){100}){100}){100}")).isTrue();
    assertThat(RegexSize.tooBig("([a-z]{100}|b{2,}){1000}")).isTrue();
  }

  @Test
  void everydayPatternsAreSmall() {
    assertThat(RegexSize.tooBig("reviews-v[0-9]+")).isFalse();
    assertThat(RegexSize.tooBig("^(GET|POST) /api/v1/products/[0-9]{1,3}$")).isFalse();
    assertThat(RegexSize.tooBig("a{1000}")).isFalse();
    assertThat(RegexSize.tooBig("\\{1000}{")).isFalse();
    assertThat(RegexSize.tooBig("[{}]{10}")).isFalse();
  }
}
