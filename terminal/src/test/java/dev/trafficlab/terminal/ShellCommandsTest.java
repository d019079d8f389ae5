package dev.trafficlab.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ShellCommandsTest extends FixedClockShellTest {
  ShellCommandsTest() {
    super(
        new FakeTerminal(
            Map.of(
                "/root/istio-1.8.1/samples/bookinfo/networking/virtual-service-all-v1.yaml",
                    "a: 1\n",
                "/root/istio-1.8.1/samples/bookinfo/networking/virtual-service-reviews-v3.yaml",
                    "b: 2\n",
                "/root/istio-1.8.1/samples/bookinfo/networking/destination-rule-all.yaml", "c: 3\n",
                "/root/istio-1.8.1/samples/bookinfo/platform/kube/cleanup.sh",
                    "echo cleaning $1; exit 4\n",
                "/root/lines.txt", "b\na\nc\nb\n")));
  }

  @Test
  void echoOptions() {
    assertThat(out("echo -n no newline")).isEqualTo("no newline");
    assertThat(out("echo -e 'a\\tb\\nc'")).isEqualTo("a\tb\nc\n");
    assertThat(out("echo 'a\\tb'")).isEqualTo("a\\tb\n");
  }

  @Test
  void cdPwdAndDotDotStayInside() {
    run("cd $ISTIO_HOME/samples/bookinfo");
    assertThat(out("pwd")).isEqualTo("/root/istio-1.8.1/samples/bookinfo\n");
    run("cd ../../../../../../..");
    assertThat(out("pwd")).isEqualTo("/\n");
    assertThat(out("cd /etc")).isEqualTo("bash: cd: /etc: No such file or directory\n");
    run("cd");
    assertThat(out("pwd")).isEqualTo("/root\n");
  }

  @Test
  void catAndLsOfSandboxFiles() {
    assertThat(out("cat /etc/passwd")).isEqualTo("cat: /etc/passwd: No such file or directory\n");
    assertThat(run("cat /etc/passwd").exitCode()).isEqualTo(1);
    assertThat(out("ls")).isEqualTo("istio-1.8.1\nlines.txt\n");
    assertThat(out("ls $ISTIO_HOME/samples/bookinfo/networking"))
        .isEqualTo(
            "destination-rule-all.yaml\nvirtual-service-all-v1.yaml\nvirtual-service-reviews-v3.yaml\n");
    assertThat(out("ls -l lines.txt"))
        .matches("-rw-r--r-- 1 root root 8 \\w{3} [ \\d]\\d \\d\\d:\\d\\d lines.txt\n");
    assertThat(out("ls -a /root")).startsWith(".\n..\n");
    assertThat(out("ls /nope")).isEqualTo("ls: cannot access '/nope': No such file or directory\n");
  }

  @Test
  void globsExpandAgainstSandboxFiles() {
    assertThat(out("cd $ISTIO_HOME/samples/bookinfo/networking && echo virtual-service-*.yaml"))
        .isEqualTo("virtual-service-all-v1.yaml virtual-service-reviews-v3.yaml\n");
    run("cd");
    assertThat(out("echo istio-1.8.1/samples/*/networking/d*"))
        .isEqualTo("istio-1.8.1/samples/bookinfo/networking/destination-rule-all.yaml\n");
    assertThat(out("echo '*.yaml' nomatch*")).isEqualTo("*.yaml nomatch*\n");
  }

  @Test
  void textFilters() {
    assertThat(out("sort lines.txt | uniq")).isEqualTo("a\nb\nc\n");
    assertThat(out("sort -u lines.txt")).isEqualTo("a\nb\nc\n");
    assertThat(out("grep -n b lines.txt")).isEqualTo("1:b\n4:b\n");
    assertThat(out("grep 'b\\|c' lines.txt")).isEqualTo("b\nc\nb\n");
    assertThat(out("grep -E '^(a|c)$' lines.txt")).isEqualTo("a\nc\n");
    assertThat(run("grep zzz lines.txt").exitCode()).isEqualTo(1);
    assertThat(out("tail -n +3 lines.txt")).isEqualTo("c\nb\n");
    assertThat(out("head -2 lines.txt")).isEqualTo("b\na\n");
    assertThat(out("wc -l lines.txt")).isEqualTo("4 lines.txt\n");
    assertThat(out("uniq -c lines.txt")).isEqualTo("      1 b\n      1 a\n      1 c\n      1 b\n");
  }

  @Test
  void scriptsRunFromFiles() {
    run("cd $ISTIO_HOME");
    ExecResult r = run("bash samples/bookinfo/platform/kube/cleanup.sh now");
    assertThat(r.output()).isEqualTo("cleaning now\n");
    assertThat(r.exitCode()).isEqualTo(4);
    assertThat(out("./samples/bookinfo/platform/kube/cleanup.sh; echo $?"))
        .isEqualTo("cleaning\n4\n");
    assertThat(out("./nope.sh")).isEqualTo("bash: ./nope.sh: No such file or directory\n");
    assertThat(out("bash -c 'echo inner'")).isEqualTo("inner\n");
    run("echo 'export FROM_SOURCE=yes' > /tmp/env.sh");
    run("source /tmp/env.sh");
    assertThat(out("echo $FROM_SOURCE")).isEqualTo("yes\n");
    run("bash -c 'export NOT_LEAKED=1'");
    assertThat(out("echo [$NOT_LEAKED]")).isEqualTo("[]\n");
  }

  @Test
  void environmentHasTheLabVariables() {
    String env = out("env");
    assertThat(env)
        .contains(
            "HOME=/root\n",
            "ISTIO_HOME=/root/istio-1.8.1\n",
            "INGRESS_HOST=istio-ingressgateway.istio-system\n",
            "INGRESS_PORT=80\n",
            "GATEWAY_URL=istio-ingressgateway.istio-system:80\n");
    assertThat(out("export 1x=2")).isEqualTo("bash: export: `1x=2': not a valid identifier\n");
  }

  @Test
  void helpListsTheCommands() {
    assertThat(out("help")).contains("kubectl").contains("istioctl").contains("curl");
    assertThat(out("type cd kubectl"))
        .isEqualTo("cd is a shell builtin\nkubectl is /usr/local/bin/kubectl\n");
  }

  @Test
  void seqForms() {
    assertThat(out("seq 3")).isEqualTo("1\n2\n3\n");
    assertThat(out("seq 2 4")).isEqualTo("2\n3\n4\n");
    assertThat(out("seq 10 -5 1")).isEqualTo("10\n5\n");
    assertThat(out("seq x")).isEqualTo("seq: invalid floating point argument: 'x'\n");
  }

  @Test
  void writesThroughMkdirAndTouch() {
    run("mkdir -p /tmp/a/b && touch /tmp/a/b/f && echo hi >> /tmp/a/b/f");
    assertThat(out("cat /tmp/a/b/f")).isEqualTo("hi\n");
    assertThat(out("rm /tmp/a/b/f && cat /tmp/a/b/f"))
        .isEqualTo("cat: /tmp/a/b/f: No such file or directory\n");
  }

  @Test
  void cutTrAndDate() {
    assertThat(out("echo pod/reviews-v2 | cut -d/ -f2")).isEqualTo("reviews-v2\n");
    assertThat(out("echo abcdef | cut -c2-3")).isEqualTo("bc\n");
    assertThat(out("echo Hello | tr a-z A-Z")).isEqualTo("HELLO\n");
    assertThat(out("echo a-b-c | tr -d -")).isEqualTo("abc\n");
    assertThat(out("date")).isEqualTo("Thu Nov 26 20:00:00 UTC 2026\n");
  }
}
