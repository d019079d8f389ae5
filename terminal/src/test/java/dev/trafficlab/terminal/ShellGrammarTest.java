package dev.trafficlab.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShellGrammarTest extends FixedClockShellTest {

  @Test
  void quotesAndEscapesKeepTextTogether() {
    assertThat(out("echo 'a  b' \"c  d\" e\\ f")).isEqualTo("a  b c  d e f\n");
    assertThat(out("echo \"it's\" 'say \"hi\"' \\$HOME")).isEqualTo("it's say \"hi\" $HOME\n");
    assertThat(out("echo \"a\\\"b\\\\c\\$d\"")).isEqualTo("a\"b\\c$d\n");
    assertThat(out("echo ''")).isEqualTo("\n");
  }

  @Test
  void variablesExpandAndSplitWhenUnquoted() {
    assertThat(out("echo $HOME ${ISTIO_HOME}/samples"))
        .isEqualTo("/root /root/istio-1.8.1/samples\n");
    assertThat(out("echo $GATEWAY_URL")).isEqualTo("istio-ingressgateway.istio-system:80\n");
    run("X='a   b'");
    assertThat(out("echo $X")).isEqualTo("a b\n");
    assertThat(out("echo \"$X\"")).isEqualTo("a   b\n");
    assertThat(out("echo ${NOPE:-fallback} ${#HOME}")).isEqualTo("fallback 5\n");
    assertThat(out("echo [$NOPE]")).isEqualTo("[]\n");
  }

  @Test
  void exportedVariablesPersistAcrossCommands() {
    run("export FOO=bar");
    assertThat(out("echo $FOO")).isEqualTo("bar\n");
    assertThat(out("env | grep FOO")).isEqualTo("FOO=bar\n");
    run("cd istio-1.8.1");
    assertThat(out("pwd")).isEqualTo("/root/istio-1.8.1\n");
  }

  @Test
  void commandSubstitutionCapturesOutputWithoutTrailingNewlines() {
    assertThat(out("echo x$(echo a; echo b)y")).isEqualTo("xa by\n");
    assertThat(out("echo \"$(printf 'a\\nb\\n\\n')\"")).isEqualTo("a\nb\n");
    assertThat(out("echo `echo back`")).isEqualTo("back\n");
    assertThat(out("echo $(echo $(echo nested))")).isEqualTo("nested\n");
  }

  @Test
  void andOrAndSemicolonsFollowExitCodes() {
    assertThat(out("true && echo yes || echo no")).isEqualTo("yes\n");
    assertThat(out("false && echo yes || echo no")).isEqualTo("no\n");
    assertThat(out("false; echo $?")).isEqualTo("1\n");
    assertThat(run("false").exitCode()).isEqualTo(1);
    assertThat(out("echo $?")).isEqualTo("1\n");
    assertThat(run("! false").exitCode()).isZero();
  }

  @Test
  void pipesFeedTheNextCommand() {
    assertThat(out("cat notes.txt | grep -v two")).isEqualTo("one\nthree\n");
    assertThat(out("cat notes.txt | grep -c e")).isEqualTo("2\n");
    assertThat(out("cat notes.txt | grep -i -E 'ONE|THREE'")).isEqualTo("one\nthree\n");
    assertThat(out("cat notes.txt | head -n 2 | tail -n 1")).isEqualTo("two\n");
    assertThat(out("cat notes.txt | wc -l")).isEqualTo("3\n");
    assertThat(out("printf 'b\\na\\nb\\n' | sort | uniq -c")).isEqualTo("      1 a\n      2 b\n");
    assertThat(out("seq 3 | sort -r")).isEqualTo("3\n2\n1\n");
  }

  @Test
  void hereDocumentsExpandUnlessTheDelimiterIsQuoted() {
    assertThat(out("cat <<EOF\nhome=$HOME\nEOF")).isEqualTo("home=/root\n");
    assertThat(out("cat <<'EOF'\nhome=$HOME\nEOF")).isEqualTo("home=$HOME\n");
    assertThat(out("cat <<-EOF\n\tindented\n\tEOF\necho after")).isEqualTo("indented\nafter\n");
    assertThat(out("cat <<EOF\r\ncrlf\r\nEOF\r\necho after")).isEqualTo("crlf\nafter\n");
  }

  @Test
  void redirectionsWriteSandboxFiles() {
    run("echo first > /tmp/out.txt");
    run("echo second >> /tmp/out.txt");
    assertThat(out("cat /tmp/out.txt")).isEqualTo("first\nsecond\n");
    assertThat(out("wc -l < /tmp/out.txt")).isEqualTo("2\n");
    ExecResult r = run("echo x > /etc/passwd");
    assertThat(r.output()).isEqualTo("bash: /etc/passwd: Permission denied\n");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(out("cat nope 2>/dev/null; echo $?")).isEqualTo("1\n");
    assertThat(out("cat nope 2>&1 | grep -c such")).isEqualTo("1\n");
  }

  @Test
  void forLoopsWithSeq() {
    assertThat(out("for i in $(seq 1 3); do echo n$i; done")).isEqualTo("n1\nn2\nn3\n");
    assertThat(out("for x in a b; do for y in 1 2; do echo $x$y; done; done"))
        .isEqualTo("a1\na2\nb1\nb2\n");
    assertThat(out("for i in 1 2\ndo\n  echo $i\ndone")).isEqualTo("1\n2\n");
  }

  @Test
  void commentsAreIgnored() {
    assertThat(out("# just a comment")).isEmpty();
    assertThat(out("echo a # trailing\necho b")).isEqualTo("a\nb\n");
    assertThat(out("echo a#b")).isEqualTo("a#b\n");
  }

  @Test
  void unknownCommandsExit127() {
    ExecResult r = run("foo --bar");
    assertThat(r.output()).isEqualTo("bash: foo: command not found\n");
    assertThat(r.exitCode()).isEqualTo(127);
  }

  @Test
  void syntaxErrorsAreReportedLikeBash() {
    ExecResult r = run("echo 'open");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.output()).isEqualTo("bash: unexpected EOF while looking for matching `''\n");
    assertThat(out("echo a ;; echo b"))
        .isEqualTo("bash: syntax error near unexpected token `;;'\n");
    assertThat(out("| grep x")).isEqualTo("bash: syntax error near unexpected token `|'\n");
    assertThat(out("select x in a b; do echo; done")).startsWith("bash: select: not supported");
    assertThat(out("for i in 1; do done"))
        .isEqualTo("bash: syntax error near unexpected token `done'\n");
  }

  @Test
  void limitsAreClearErrors() {
    String longLine = "echo " + "x".repeat(Shell.MAX_COMMAND_LENGTH);
    assertThat(Shell.exceedsLimit(longLine)).isTrue();
    assertThat(Shell.exceedsLimit("echo ok")).isFalse();
    assertThat(run(longLine).output()).startsWith("bash: command line too long");

    String deep = "echo " + "$(echo ".repeat(10) + "x" + ")".repeat(10);
    assertThat(out(deep)).startsWith("bash: nesting too deep");

    ExecResult loop = run("for i in $(seq 2000); do true; done");
    assertThat(loop.output()).contains("loop limit exceeded");
    assertThat(loop.exitCode()).isEqualTo(1);

    ExecResult big = run("seq 100000");
    assertThat(big.output())
        .endsWith("bash: output limit exceeded: at most 256 KiB; the rest was dropped\n");
    assertThat(big.output().length()).isLessThan(Budget.MAX_OUTPUT_CHARS + 200);
  }

  @Test
  void historyIsKeptPerSandbox() {
    run("echo one");
    run("echo two");
    assertThat(out("history")).isEqualTo("    1  echo one\n    2  echo two\n    3  history\n");
  }

  @Test
  void clearAsksThePageToClear() {
    ExecResult r = run("clear");
    assertThat(r.actions()).containsExactly(java.util.Map.of("type", "clear"));
  }

  @Test
  void exitStopsTheLine() {
    ExecResult r = run("echo a; exit 3; echo b");
    assertThat(r.output()).isEqualTo("a\n");
    assertThat(r.exitCode()).isEqualTo(3);
  }
}
