package dev.trafficlab.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.terminal.commands.StandardCommands;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** istioctl install (only the outbound traffic policy) and kube-inject. */
class IstioctlInstallTest {
  static final String SLEEP =
      """
      apiVersion: v1
      kind: Service
      metadata:
        name: sleep
      spec:
        ports:
        - port: 80
          name: http
        selector:
          app: sleep
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: sleep
      spec:
        selector:
          matchLabels:
            app: sleep
        template:
          metadata:
            labels:
              app: sleep
          spec:
            containers:
            - name: sleep
              image: curlimages/curl
      """;

  final FakeTerminal ctx =
      new FakeTerminal(Map.of("/root/sleep.yaml", SLEEP), TestResources.snapshot(FakeTerminal.NOW));
  final Shell shell = new Shell(StandardCommands.all(), null, Clock.systemUTC());

  ExecResult run(String line) {
    return FakeTerminal.run(shell, ctx, line);
  }

  @Test
  void installSwitchesTheOutboundTrafficPolicyOnly() {
    assertThat(ctx.config().current().outboundTrafficPolicy()).isEqualTo("ALLOW_ANY");
    ExecResult r =
        run("istioctl install --set meshConfig.outboundTrafficPolicy.mode=REGISTRY_ONLY -y");
    assertThat(r.exitCode()).isZero();
    assertThat(r.output())
        .isEqualTo(
            """
            ✔ Istio core installed
            ✔ Istiod installed
            ✔ Egress gateways installed
            ✔ Ingress gateways installed
            ✔ Installation complete
            """);
    assertThat(ctx.config().current().outboundTrafficPolicy()).isEqualTo("REGISTRY_ONLY");
    assertThat(run("istioctl install --set profile=demo -y").output())
        .startsWith("Istio 1.8.1 (demo profile) is already installed in this lab's cluster");
    assertThat(ctx.config().current().outboundTrafficPolicy()).isEqualTo("REGISTRY_ONLY");
    assertThat(
            run("istioctl install --set meshConfig.outboundTrafficPolicy.mode=OPEN -y").exitCode())
        .isEqualTo(1);
  }

  @Test
  void theInstalledStateOperatorHoldsTheModeOnlyOnceAnInstallSetIt() {
    String read =
        "kubectl get istiooperator installed-state -n istio-system -o"
            + " jsonpath='{.spec.meshConfig.outboundTrafficPolicy.mode}'";
    ExecResult unset = run(read);
    assertThat(unset.exitCode()).as(unset.output()).isZero();
    assertThat(unset.output()).as("the demo profile sets no mode: ALLOW_ANY applies").isEmpty();
    assertThat(
            run("kubectl get iop -n istio-system -o jsonpath='{.items[*].metadata.name}'").output())
        .isEqualTo("installed-state");

    run(
        "istioctl install --set profile=demo --set meshConfig.outboundTrafficPolicy.mode=REGISTRY_ONLY -y");
    assertThat(run(read).output()).isEqualTo("REGISTRY_ONLY");
    run(
        "istioctl install --set profile=demo --set meshConfig.outboundTrafficPolicy.mode=ALLOW_ANY -y");
    assertThat(run(read).output()).isEqualTo("ALLOW_ANY");
    assertThat(ctx.config().current().outboundTrafficPolicy()).isEqualTo("ALLOW_ANY");
    assertThat(run("kubectl get istiooperator installed-state").output())
        .isEqualTo(
            "Error from server (NotFound): istiooperators.install.istio.io \"installed-state\" not"
                + " found\n");
  }

  @Test
  void kubeInjectAddsTheSidecarToWorkloadsOnly() {
    ExecResult r = run("istioctl kube-inject -f sleep.yaml");
    assertThat(r.exitCode()).isZero();
    String out = r.output();
    assertThat(out).startsWith("apiVersion: v1\nkind: Service\n");
    assertThat(out).contains("\n---\napiVersion: apps/v1\nkind: Deployment\n");
    assertThat(out).contains("        name: istio-proxy\n").contains("        name: istio-init\n");
    assertThat(out.split("istio-proxy").length).isGreaterThan(1);
    assertThat(run("istioctl kube-inject -f nope.yaml").output())
        .isEqualTo("Error: open nope.yaml: no such file or directory\n");
    assertThat(run("istioctl kube-inject").output())
        .isEqualTo("Error: filename not specified (see --filename or -f)\n");
  }
}
