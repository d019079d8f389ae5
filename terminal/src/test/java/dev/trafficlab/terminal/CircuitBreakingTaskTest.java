package dev.trafficlab.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.mesh.inventory.Deployment;
import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.mesh.inventory.Service;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.model.ObjectMeta;
import dev.trafficlab.mesh.model.Resource;
import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.mesh.store.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * istio.io 1.8's circuit-breaking task, step by step through the terminal, against httpbin and the
 * fortio sample's pod (built by hand until Deployments can be applied; the fortio Deployment object
 * carries the sample's statsInclusionPrefixes annotation).
 */
@Disabled(
    "hand-built Inventory pods and Services are invisible to kubectl since the kubectl branch reads"
        + " the stored cluster; the same sequences run through real applies in OpenClusterTasksTest")
class CircuitBreakingTaskTest extends RealMeshShellTest {
  static final String FORTIO = "fortio-deploy-576dbdfbc4-z28m7";
  static final String HTTPBIN = "httpbin-779c54bf49-6klgn";

  static Snapshot cluster() {
    Inventory b = Inventory.bookinfo();
    List<Service> services = new ArrayList<>(b.services());
    services.add(svc("httpbin", "10.96.8.1", 8000, 80));
    services.add(svc("fortio", "10.96.8.2", 8080, 8080));
    List<Pod> extra =
        List.of(
            pod(HTTPBIN, "httpbin", "httpbin", "10.244.0.40", "docker.io/kennethreitz/httpbin"),
            pod(FORTIO, "fortio-deploy", "fortio", "10.244.0.41", "fortio/fortio:latest_release"));
    List<Pod> pods = new ArrayList<>(b.pods());
    pods.addAll(extra);
    List<Deployment> deployments = new ArrayList<>(b.deployments());
    for (Pod p : extra) {
      deployments.add(
          new Deployment(p.workload(), "default", p.labels(), p.image(), 1, p.serviceAccount()));
    }
    Inventory inventory =
        new Inventory(b.namespaces(), services, deployments, pods, b.serviceAccounts());
    Map<String, Object> template =
        Map.of(
            "metadata",
            Map.of(
                "annotations",
                Map.of(
                    "sidecar.istio.io/statsInclusionPrefixes",
                    "cluster.outbound,cluster_manager,listener_manager,http_mixer_filter,"
                        + "tcp_mixer_filter,server,cluster.xds-grpc"),
                "labels",
                Map.of("app", "fortio")));
    Resource fortioDeploy =
        new Resource(
            ResourceKind.DEPLOYMENT,
            "apps/v1",
            new ObjectMeta(
                "fortio-deploy", "default", Map.of(), Map.of(), "uid-fortio", "1", 1L, null, null),
            new dev.trafficlab.mesh.model.KubeSpec(),
            Map.of("replicas", 1, "template", template));
    return Snapshot.of(1, List.of(fortioDeploy), Set.of(), inventory, IstioProfile.ISTIO_1_8);
  }

  private static Service svc(String name, String ip, int port, int target) {
    return new Service(
        name,
        "default",
        ip,
        List.of(new Service.Port("http", port, target, "TCP")),
        Map.of("app", name),
        Map.of("app", name));
  }

  private static Pod pod(String name, String workload, String app, String ip, String image) {
    String hash = name.split("-")[name.split("-").length - 2];
    return new Pod(
        name,
        "default",
        workload,
        Map.of("app", app, "pod-template-hash", hash),
        ip,
        app.equals("httpbin") ? "httpbin" : "default",
        "minikube",
        image,
        true);
  }

  static final String DR =
      """
      kubectl apply -f - <<EOF
      apiVersion: networking.istio.io/v1alpha3
      kind: DestinationRule
      metadata:
        name: httpbin
      spec:
        host: httpbin
        trafficPolicy:
          connectionPool:
            tcp:
              maxConnections: 1
            http:
              http1MaxPendingRequests: 1
              maxRequestsPerConnection: 1
          outlierDetection:
            consecutiveErrors: 1
            interval: 1s
            baseEjectionTime: 3m
            maxEjectionPercent: 100
      EOF
      """;

  static int code(String out, int code) {
    Matcher m = Pattern.compile("Code " + code + " : (\\d+) \\(").matcher(out);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  @Test
  void theTaskAsWrittenOnIstioIo() {
    FakeTerminal t = new FakeTerminal(Map.of(), cluster());
    t.dataPlane = mesh;
    ExecResult apply = run(t, DR);
    assertThat(apply.output()).contains("destinationrule.networking.istio.io/httpbin created");
    run(
        t,
        "export FORTIO_POD=$(kubectl get pods -l app=fortio -o 'jsonpath={.items[0].metadata.name}')");
    String curl =
        run(
                t,
                "kubectl exec \"$FORTIO_POD\" -c fortio -- /usr/bin/fortio curl -quiet"
                    + " http://httpbin:8000/get")
            .output();
    assertThat(curl)
        .startsWith("HTTP/1.1 200 OK\n")
        .contains("\"User-Agent\": \"fortio.org/fortio-1.11.3\"");

    long t0 = System.nanoTime();
    String two =
        run(
                t,
                "kubectl exec \"$FORTIO_POD\" -c fortio -- /usr/bin/fortio load -c 2 -qps 0 -n 20"
                    + " -loglevel Warning http://httpbin:8000/get")
            .output();
    String three =
        run(
                t,
                "kubectl exec \"$FORTIO_POD\" -c fortio -- /usr/bin/fortio load -c 3 -qps 0 -n 30"
                    + " -loglevel Warning http://httpbin:8000/get")
            .output();
    System.out.printf(
        "circuit breaking: -c 2 %d/%d 503, -c 3 %d/%d 503, both runs %d ms%n",
        code(two, 503), 20, code(three, 503), 30, (System.nanoTime() - t0) / 1_000_000);
    assertThat(two)
        .contains(
            "Fortio 1.11.3 running at 0 queries per second, 2->2 procs, for 20 calls:"
                + " http://httpbin:8000/get\n")
        .contains("Sockets used: ");
    assertThat(code(two, 200) + code(two, 503)).isEqualTo(20);
    assertThat(code(two, 503)).isBetween(1, 10);
    assertThat(code(three, 200) + code(three, 503)).isEqualTo(30);
    assertThat(code(three, 503)).isBetween(12, 28);

    String stats =
        run(
                t,
                "kubectl exec \"$FORTIO_POD\" -c istio-proxy -- pilot-agent request GET stats"
                    + " | grep httpbin | grep pending")
            .output();
    String cluster = "cluster.outbound|8000||httpbin.default.svc.cluster.local.";
    assertThat(stats)
        .contains(cluster + "upstream_rq_pending_active: 0\n")
        .contains(cluster + "upstream_rq_pending_failure_eject: 0\n")
        .contains(
            cluster + "upstream_rq_pending_overflow: " + (code(two, 503) + code(three, 503)) + "\n")
        .containsPattern(Pattern.quote(cluster) + "upstream_rq_pending_total: [1-9]\\d*\n")
        .contains(cluster + "circuit_breakers.default.rq_pending_open: 0\n");
    // consecutiveErrors has no effect in 1.8.1: Envoy's default of 5 consecutive 5xx applies, and
    // the overflows never reached httpbin, so it was never ejected.
    String endpoints =
        run(
                t,
                "istioctl proxy-config endpoint \"$FORTIO_POD\" --cluster"
                    + " 'outbound|8000||httpbin.default.svc.cluster.local'")
            .output();
    assertThat(endpoints).containsPattern("10.244.0.40:80 +HEALTHY +OK +outbound");
  }
}
