package dev.trafficlab.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.terminal.commands.StandardCommands;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * kubectl apply/create/delete print success lines on stdout, warnings and errors on stderr, as
 * kubectl does.
 */
class KubectlStreamsTest {
  private static final String NET = "$ISTIO_HOME/samples/bookinfo/networking/";
  private static final String GOOD_AND_BAD =
      """
      kubectl apply -f - %s <<EOF
      apiVersion: networking.istio.io/v1alpha3
      kind: VirtualService
      metadata:
        name: ratings
      spec:
        hosts: [ratings]
        http:
        - route:
          - destination: {host: ratings, subset: v1}
      ---
      apiVersion: networking.istio.io/v1alpha3
      kind: VirtualService
      metadata:
        name: reviews
      spec:
        hosts: [reviews]
        http:
        - route:
          - destination: {host: reviews, subset: v1.0}
      EOF
      """;

  final FakeTerminal ctx = new FakeTerminal(TestResources.lessonFiles(), LessonCommandsTest.START);
  final Shell shell = new Shell(StandardCommands.all(), null, Clock.systemUTC());

  ExecResult run(String line) {
    return FakeTerminal.run(shell, ctx, line);
  }

  @Test
  void applySendsSuccessToStdoutAndErrorsToStderr() {
    assertThat(run(GOOD_AND_BAD.formatted("2>/dev/null")).output())
        .isEqualTo("virtualservice.networking.istio.io/ratings created\n");
    ExecResult errors = run(GOOD_AND_BAD.formatted("2>&1 >/dev/null"));
    assertThat(errors.output())
        .startsWith(
            "Error from server: error when creating \"STDIN\": admission webhook "
                + "\"validation.istio.io\" denied the request: ")
        .doesNotContain("ratings");
    assertThat(errors.exitCode()).isEqualTo(1);
  }

  @Test
  void theLabsHintForANewerApiVersionIsOnStderrWithTheError() {
    String v1 =
        "printf 'apiVersion: networking.istio.io/v1\\nkind: VirtualService\\nmetadata:\\n  name: r\\n' "
            + "| kubectl apply -f -";
    assertThat(run(v1 + " 2>/dev/null").output()).isEmpty();
    assertThat(run(v1).output())
        .startsWith(
            "error: unable to recognize \"STDIN\": no matches for kind "
                + "\"VirtualService\" in version \"networking.istio.io/v1\"\nHint: this lab runs Istio 1.8");
  }

  @Test
  void deleteByNameKeepsDeletedLinesOnStdout() {
    run("kubectl apply -f " + NET + "virtual-service-all-v1.yaml");
    ExecResult r = run("kubectl delete vs reviews nosuch 2>/dev/null");
    assertThat(r.output()).isEqualTo("virtualservice.networking.istio.io \"reviews\" deleted\n");
    assertThat(r.exitCode()).isEqualTo(1);
  }

  @Test
  void ignoreNotFoundReadsTheReasonNotTheText() {
    ExecResult r =
        run("kubectl delete --ignore-not-found -f " + NET + "virtual-service-all-v1.yaml");
    assertThat(r.output()).isEmpty();
    assertThat(r.exitCode()).isZero();
    ExecResult byName = run("kubectl delete vs nosuch --ignore-not-found");
    assertThat(byName.output()).isEmpty();
    assertThat(byName.exitCode()).isZero();
  }

  @Test
  void createNamespacePrintsItsResultOnTheRightStream() {
    assertThat(run("kubectl create namespace foo 2>/dev/null").output())
        .isEqualTo("namespace/foo created\n");
    ExecResult again = run("kubectl create namespace foo 2>&1 >/dev/null");
    assertThat(again.output())
        .isEqualTo("Error from server (AlreadyExists): namespaces \"foo\" already exists\n");
    assertThat(again.exitCode()).isEqualTo(1);
  }
}
