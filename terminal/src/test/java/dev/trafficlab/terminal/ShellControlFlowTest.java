package dev.trafficlab.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** while/until, if, case, functions, arithmetic, read, test and aliases, as bash runs them. */
class ShellControlFlowTest extends FixedClockShellTest {

  @Test
  void whileAndUntilLoopOnTheirConditionsStatus() {
    assertThat(out("i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done")).isEqualTo("0\n1\n2\n");
    assertThat(out("i=0; until [ $i -ge 2 ]; do echo u$i; i=$((i+1)); done")).isEqualTo("u0\nu1\n");
    assertThat(out("while false; do echo never; done; echo $?")).isEqualTo("0\n");
    assertThat(out("n=0\nwhile (( n < 2 ))\ndo\n  echo n=$n\n  ((n++))\ndone"))
        .isEqualTo("n=0\nn=1\n");
  }

  @Test
  void aWhileTrueLoopEndsAtTheLoopLimitAsForLoopsDo() {
    ExecResult r = run("while true; do :; done");
    assertThat(r.output())
        .isEqualTo("bash: loop limit exceeded: at most 1000 loop iterations per command line\n");
    assertThat(r.exitCode()).isEqualTo(1);
  }

  @Test
  void breakAndContinueLeaveOrSkipTurns() {
    assertThat(
            out("for i in 1 2 3 4; do [ $i = 2 ] && continue; [ $i = 4 ] && break; echo $i; done"))
        .isEqualTo("1\n3\n");
    assertThat(out("while true; do echo once; break; done")).isEqualTo("once\n");
    assertThat(out("for a in x y; do for b in 1 2; do echo $a$b; break 2; done; done"))
        .isEqualTo("x1\n");
    assertThat(out("break"))
        .isEqualTo("bash: break: only meaningful in a `for', `while', or `until' loop\n");
  }

  @Test
  void ifElifElseRunTheFirstBranchWhoseConditionSucceeds() {
    assertThat(out("if true; then echo yes; fi")).isEqualTo("yes\n");
    assertThat(out("if false; then echo a; elif true; then echo b; else echo c; fi"))
        .isEqualTo("b\n");
    assertThat(out("if false; then echo a; elif false; then echo b; else echo c; fi"))
        .isEqualTo("c\n");
    assertThat(out("if false; then echo a; fi; echo $?")).isEqualTo("0\n");
    assertThat(out("x=5\nif [ \"$x\" -gt 3 ]\nthen\n  echo big\nfi")).isEqualTo("big\n");
    assertThat(out("if grep -q two notes.txt; then echo found; fi")).isEqualTo("found\n");
    assertThat(out("if then echo x; fi"))
        .isEqualTo("bash: syntax error near unexpected token `then'\n");
  }

  @Test
  void caseMatchesPatternsAndAlternatives() {
    String c = "case $X in a|b) echo ab;; c*) echo c-something;; *) echo other;; esac";
    assertThat(out("X=b; " + c)).isEqualTo("ab\n");
    assertThat(out("X=cat; " + c)).isEqualTo("c-something\n");
    assertThat(out("X=zz; " + c)).isEqualTo("other\n");
    assertThat(out("case v1 in\n  v[12]) echo old ;;\n  v3) echo new ;;\nesac")).isEqualTo("old\n");
    assertThat(out("case '*' in \"*\") echo star;; esac")).isEqualTo("star\n");
    assertThat(out("case x in y) echo no;; esac; echo $?")).isEqualTo("0\n");
    assertThat(out("case a in (a) echo paren;; esac")).isEqualTo("paren\n");
  }

  @Test
  void functionsTakeArgumentsReturnStatusAndKeepLocalsLocal() {
    run("greet() { echo \"hello $1 ($#)\"; }");
    assertThat(out("greet world")).isEqualTo("hello world (1)\n");
    run("function count { echo $#; }");
    assertThat(out("count a 'b c' d")).isEqualTo("3\n");
    assertThat(out("f() { return 3; }; f; echo $?")).isEqualTo("3\n");
    assertThat(out("x=global; g() { local x=inner; echo $x; }; g; echo $x"))
        .isEqualTo("inner\nglobal\n");
    assertThat(out("h() { y=set-by-h; }; h; echo $y")).isEqualTo("set-by-h\n");
    assertThat(out("args() { for a in \"$@\"; do echo \"[$a]\"; done; }; args 1 '2 3'"))
        .isEqualTo("[1]\n[2 3]\n");
    assertThat(out("return"))
        .isEqualTo("bash: return: can only `return' from a function or sourced script\n");
    assertThat(out("local x=1")).isEqualTo("bash: local: can only be used in a function\n");
    assertThat(out("type greet"))
        .isEqualTo("greet is a function\ngreet() { echo \"hello $1 ($#)\"; }\n");
  }

  @Test
  void runawayRecursionStopsWithAClearMessage() {
    ExecResult r = run("f() { f; }; f");
    assertThat(r.output()).isEqualTo("bash: f: maximum function nesting level exceeded (100)\n");
    assertThat(r.exitCode()).isEqualTo(1);
  }

  @Test
  void quotedAtKeepsEachPositionalParameterOneWord() {
    run("printf 'for a in \"$@\"; do echo \"<$a>\"; done\\necho $#\\n' > args.sh");
    assertThat(out("bash args.sh 'a b' c")).isEqualTo("<a b>\n<c>\n2\n");
    assertThat(out("bash -c 'for a in \"$@\"; do echo x$a; done' sh")).isEmpty();
    assertThat(out("f() { echo \"$@\"; }; f 1 2")).isEqualTo("1 2\n");
  }

  @Test
  void arithmeticExpansionComputesIntegersAsBash() {
    assertThat(out("echo $((1 + 2 * 3)) $(( (1+2)*3 )) $((7 / 2)) $((7 % 3)) $((-7 / 2))"))
        .isEqualTo("7 9 3 1 -3\n");
    assertThat(
            out("echo $((2 ** 10)) $((1 < 2)) $((2 == 3)) $((1 && 0 || 1)) $((5 > 3 ? 10 : 20))"))
        .isEqualTo("1024 1 0 1 10\n");
    assertThat(out("x=4; echo $((x * 2)) $(($x + 1)) $((y + 1))")).isEqualTo("8 5 1\n");
    assertThat(out("i=1; echo $((i++)) $i $((++i)) $((i += 10)) $i")).isEqualTo("1 2 3 13 13\n");
    assertThat(out("echo $((0x10 + 010 + 2#101))")).isEqualTo("29\n");
    assertThat(out("echo \"total: $(( $(echo 20) + 1 ))\"")).isEqualTo("total: 21\n");
  }

  @Test
  void arithmeticErrorsAreWordedAsBashWordsThem() {
    ExecResult div = run("echo $((1/0)); echo next");
    assertThat(div.output()).isEqualTo("bash: 1/0: division by 0 (error token is \"0\")\n");
    assertThat(div.exitCode()).isEqualTo(1);
    assertThat(out("echo $((1+))"))
        .isEqualTo("bash: 1+: syntax error: operand expected (error token is \"+\")\n");
    assertThat(out("echo $((a b))"))
        .isEqualTo("bash: a b: syntax error in expression (error token is \"b\")\n");
    assertThat(out("echo $((08))"))
        .isEqualTo("bash: 08: value too great for base (error token is \"08\")\n");
  }

  @Test
  void readTakesLinesFromAPipeOrAFile() {
    assertThat(out("printf 'a b c\\nd e\\n' | while read -r x rest; do echo \"$x|$rest\"; done"))
        .isEqualTo("a|b c\nd|e\n");
    assertThat(out("while read line; do echo \"> $line\"; done < notes.txt"))
        .isEqualTo("> one\n> two\n> three\n");
    assertThat(out("echo 'p q' | { read a b; echo $b $a; }")).isEqualTo("q p\n");
    // each command of a pipeline is a subshell, as in bash
    assertThat(out("R=old; echo new | read R; echo $R")).isEqualTo("old\n");
    assertThat(out("printf '' | read x; echo $?")).isEqualTo("1\n");
  }

  @Test
  void testAndBracketsCompareStringsNumbersAndFiles() {
    assertThat(out("[ a = a ] && echo eq; [ a != b ] && echo ne; [ -z '' ] && echo empty"))
        .isEqualTo("eq\nne\nempty\n");
    assertThat(out("[ 3 -lt 10 ] && echo lt; test -n x && echo nonempty"))
        .isEqualTo("lt\nnonempty\n");
    assertThat(
            out(
                "[ -f notes.txt ] && echo file; [ -d istio-1.8.1 ] && echo dir; [ -e nope ] || echo missing"))
        .isEqualTo("file\ndir\nmissing\n");
    assertThat(out("[ ! -f nope ] && [ 1 -eq 1 -a 2 -eq 2 ] && echo both")).isEqualTo("both\n");
    ExecResult bad = run("[ abc -eq 1 ]");
    assertThat(bad.output()).isEqualTo("bash: [: abc: integer expression expected\n");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(out("[ a = a")).isEqualTo("bash: [: missing `]'\n");
  }

  @Test
  void doubleBracketsMatchPatternsAndCombineConditions() {
    assertThat(out("x=reviews-v2; [[ $x == reviews-* ]] && echo match")).isEqualTo("match\n");
    assertThat(out("x=reviews-v2; [[ $x == \"reviews-*\" ]] || echo literal"))
        .isEqualTo("literal\n");
    assertThat(out("[[ -n a && ( 1 -lt 2 || -z b ) ]] && echo ok")).isEqualTo("ok\n");
    assertThat(out("v='a b'; [[ $v = 'a b' ]] && echo nosplit")).isEqualTo("nosplit\n");
  }

  @Test
  void aliasesExpandTheFirstWordAndKIsKubectl() {
    assertThat(out("alias")).isEqualTo("alias k='kubectl'\n");
    assertThat(out("type k")).isEqualTo("k is aliased to `kubectl'\n");
    run("alias hi='echo hello'");
    assertThat(out("hi there")).isEqualTo("hello there\n");
    run("alias echo='echo x'");
    assertThat(out("echo y")).isEqualTo("x y\n");
    run("unalias echo");
    assertThat(out("echo y")).isEqualTo("y\n");
    assertThat(out("unalias nope")).isEqualTo("bash: unalias: nope: not found\n");
  }

  @Test
  void exitStatusOfTheLastCommandIsInQuestionMark() {
    assertThat(out("false; echo $?; true; echo $?")).isEqualTo("1\n0\n");
    assertThat(out("nope 2>/dev/null; echo $?")).isEqualTo("127\n");
  }
}
