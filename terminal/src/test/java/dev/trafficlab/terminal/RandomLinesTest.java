package dev.trafficlab.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.terminal.commands.StandardCommands;
import dev.trafficlab.terminal.syntax.ParseException;
import dev.trafficlab.terminal.syntax.Parser;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random text built from the new grammar's pieces never escapes as anything but bash's wording: the
 * parser parses or refuses, the completeness check answers, and running it never reports an
 * internal error.
 */
class RandomLinesTest {
  private static final String[] PIECES = {
    "if ",
    "then ",
    "elif ",
    "else ",
    "fi",
    "while ",
    "until ",
    "do ",
    "done",
    "case ",
    " in ",
    "esac",
    ";;",
    ")",
    "(",
    "f()",
    "{ ",
    " }",
    "function g ",
    "$((",
    "))",
    "((",
    "[[ ",
    " ]]",
    "[ ",
    " ]",
    "1",
    "x",
    "$x",
    "$1",
    "\"$@\"",
    "+",
    "-",
    "*",
    "/",
    "%",
    "==",
    "=",
    "<",
    ">",
    "&&",
    "||",
    "|",
    ";",
    "\n",
    " ",
    "'",
    "\"",
    "\\",
    "`",
    "$(",
    "<<EOF\n",
    "EOF",
    "echo ",
    "read ",
    "return ",
    "break",
    "local ",
    "true",
    "false",
    "i++",
    "-lt ",
    "#",
    "jq .",
    "awk '{print $1}'"
  };

  final FakeTerminal ctx = new FakeTerminal();
  final Shell shell =
      new Shell(StandardCommands.all(), null, Clock.fixed(FakeTerminal.NOW, ZoneOffset.UTC));

  @Test
  void randomLinesParseRunOrGetBashsError() {
    Random random = new Random(20261206);
    for (int n = 0; n < 3000; n++) {
      StringBuilder sb = new StringBuilder();
      int len = 1 + random.nextInt(14);
      for (int i = 0; i < len; i++) {
        sb.append(PIECES[random.nextInt(PIECES.length)]);
      }
      String line = sb.toString();
      Parser.needsMoreInput(line);
      boolean parses;
      try {
        Parser.parse(line);
        parses = true;
      } catch (ParseException e) {
        assertThat(e.getMessage()).isNotBlank();
        parses = false;
      }
      if (parses && !line.contains("read")) {
        ExecResult r = FakeTerminal.run(shell, ctx, line);
        assertThat(r.output()).as(line).doesNotContain("internal error");
      }
    }
  }
}
