package dev.trafficlab.terminal.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Whether typed text runs now or the terminal asks for another line with "> ". */
class InputCompletenessTest {
  static boolean more(String text) {
    return Parser.needsMoreInput(text);
  }

  @Test
  void completeLinesRunAsTyped() {
    assertThat(more("")).isFalse();
    assertThat(more("kubectl get pods")).isFalse();
    assertThat(more("echo 'a' \"b\" | grep a && echo ok || echo no")).isFalse();
    assertThat(more("for i in 1 2; do echo $i; done")).isFalse();
    assertThat(more("echo a # it's a comment")).isFalse();
  }

  @Test
  void anOpenQuoteOrSubstitutionAsksForMore() {
    assertThat(more("echo 'abc")).isTrue();
    assertThat(more("echo \"abc")).isTrue();
    assertThat(more("echo $(date")).isTrue();
    assertThat(more("echo `date")).isTrue();
    assertThat(more("echo 'abc\ndef'")).isFalse();
  }

  @Test
  void aTrailingBackslashOrOperatorAsksForMore() {
    assertThat(more("kubectl get pods \\")).isTrue();
    assertThat(more("kubectl get pods \\\n  -n default")).isFalse();
    assertThat(more("cat x |")).isTrue();
    assertThat(more("true &&")).isTrue();
    assertThat(more("false ||")).isTrue();
    assertThat(more("true &&\necho yes")).isFalse();
  }

  @Test
  void aHereDocumentAsksForMoreUntilItsDelimiter() {
    assertThat(more("cat <<EOF | kubectl apply -f -")).isTrue();
    assertThat(more("cat <<EOF | kubectl apply -f -\napiVersion: v1")).isTrue();
    assertThat(more("cat <<EOF | kubectl apply -f -\napiVersion: v1\nEOF")).isFalse();
    assertThat(more("cat <<'EOF'\n$x\nEOF")).isFalse();
    assertThat(more("cat <<-EOF\n\tbody\n\tEOF")).isFalse();
    assertThat(more("cat <<-EOF\n\tbody")).isTrue();
  }

  @Test
  void openCompoundCommandsAskForMore() {
    assertThat(more("for i in 1 2 3")).isTrue();
    assertThat(more("for i in 1 2 3; do")).isTrue();
    assertThat(more("for i in 1 2 3; do\n  echo $i")).isTrue();
    assertThat(more("{ echo a")).isTrue();
    assertThat(more("while true; do")).isTrue();
    assertThat(more("until false")).isTrue();
    assertThat(more("if true; then echo a")).isTrue();
    assertThat(more("if true; then echo a; else")).isTrue();
    assertThat(more("if true; then echo a; fi")).isFalse();
    assertThat(more("case $x in")).isTrue();
    assertThat(more("case $x in a) echo a;;")).isTrue();
    assertThat(more("case $x in a) echo a;; esac")).isFalse();
    assertThat(more("f() {")).isTrue();
    assertThat(more("f() {\n  echo $1")).isTrue();
    assertThat(more("f() {\n  echo $1\n}")).isFalse();
    assertThat(more("function g")).isTrue();
    assertThat(more("echo $((1 +")).isTrue();
    assertThat(more("[[ -n x")).isTrue();
    assertThat(more("( echo a")).isTrue();
  }

  @Test
  void syntaxErrorsRunAtOnceToShowTheError() {
    assertThat(more("echo a ;; echo b")).isFalse();
    assertThat(more("| grep x")).isFalse();
    assertThat(more("echo >")).isFalse();
    assertThat(more("echo `for`")).isFalse();
    assertThat(more("done")).isFalse();
  }
}
