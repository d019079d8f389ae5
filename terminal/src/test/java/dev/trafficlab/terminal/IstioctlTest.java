package dev.trafficlab.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class IstioctlTest extends FixedClockShellTest {
  IstioctlTest() {
    super(
        new FakeTerminal(
            Map.of("/root/x.txt", "x\n"),
            TestResources.snapshot(
                FakeTerminal.NOW.minusSeconds(60),
                TestResources.GATEWAY,
                TestResources.DR_REVIEWS,
                TestResources.VS_REVIEWS_JASON)));
  }

  @Test
  void kubeInjectAddsTheSidecarToAWorkloadFromStdinAndLeavesServicesAlone() {
    String out =
        run("""
                istioctl kube-inject -f - <<EOF
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                spec:
                  ports:
                  - port: 80
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  selector:
                    matchLabels:
                      app: web
                  template:
                    metadata:
                      labels:
                        app: web
                    spec:
                      containers:
                      - name: web
                        image: nginx
                EOF
                """)
            .output();
    assertThat(out).contains("kind: Service").contains("name: istio-proxy").contains("istio-init");
    assertThat(out.indexOf("istio-proxy")).isGreaterThan(out.indexOf("kind: Deployment"));
    assertThat(run("istioctl kube-inject").output())
        .isEqualTo("Error: filename not specified (see --filename or -f)\n");
  }

  @Test
  void proxyStatusListsEveryProxySynced() {
    String out = run("istioctl proxy-status").output();
    // the egress gateway, with no VirtualService bound to it, has no routes sent (RDS NOT SENT)
    assertThat(out.lines().findFirst().orElseThrow())
        .isEqualTo(
            "NAME                                                   CDS        LDS        EDS        RDS          ISTIOD"
                + "                      VERSION");
    assertThat(out)
        .contains(
            "productpage-v1-6b746f74dc-mp6tf.default                SYNCED     SYNCED     SYNCED"
                + "     SYNCED       istiod-67f5756967-x9xz6     1.8.1\n")
        .contains(
            "istio-egressgateway-64d976b9b5-pmf8d.istio-system      SYNCED     SYNCED     SYNCED"
                + "     NOT SENT     istiod-67f5756967-x9xz6     1.8.1\n");
    assertThat(out).contains("istio-ingressgateway-5d8d7b9b5c-2xk4p.istio-system     SYNCED");
    assertThat(out.lines().count()).isEqualTo(9);
  }

  @Test
  void aRouteConfigurationEnvoyRefusedShowsRdsStaleUntilItIsFixed() {
    String bad =
        "apiVersion: networking.istio.io/v1alpha3\nkind: VirtualService\nmetadata:\n  name: reviews\n"
            + "spec:\n  hosts: [reviews]\n  http:\n  - match:\n    - uri: {regex: \"(/[a-z]{1,20}){25}\"}\n"
            + "    route:\n    - destination: {host: reviews}\n";
    run("cat > /root/bad.yaml <<'EOF'\n" + bad + "EOF");
    assertThat(run("kubectl apply -f /root/bad.yaml").output())
        .endsWith("virtualservice.networking.istio.io/reviews configured\n");
    String out = run("istioctl proxy-status").output();
    assertThat(out)
        .contains(
            "productpage-v1-6b746f74dc-mp6tf.default                SYNCED     SYNCED     SYNCED"
                + "     STALE        istiod-67f5756967-x9xz6     1.8.1\n");
    assertThat(out)
        .containsPattern(
            "istio-ingressgateway-\\S+\\.istio-system +SYNCED +SYNCED +SYNCED +SYNCED ");
    assertThat(run("istioctl proxy-status productpage-v1-6b746f74dc-mp6tf.default").output())
        .contains("Routes Don't Match (RDS last loaded at ");
    run("kubectl delete virtualservice reviews");
    assertThat(run("istioctl proxy-status").output()).doesNotContain("STALE");
  }

  @Test
  void aGatewayWhoseFirstRoutesAreRefusedWasNeverAcknowledged() {
    FakeTerminal bare =
        new FakeTerminal(
            Map.of(
                "/root/gw.yaml",
                TestResources.GATEWAY.replace(
                    "    route:\n",
                    "    headers:\n      response:\n        remove: [host]\n    route:\n")));
    assertThat(FakeTerminal.run(shell, bare, "kubectl apply -f /root/gw.yaml").exitCode()).isZero();
    String out = FakeTerminal.run(shell, bare, "istioctl ps").output();
    assertThat(out)
        .containsPattern(
            "istio-ingressgateway-\\S+\\.istio-system +SYNCED +SYNCED +SYNCED +STALE \\(Never Acknowledged\\) ");
  }

  @Test
  void gatewayRdsIsNotSentWithoutABoundVirtualService() {
    FakeTerminal bare = new FakeTerminal(Map.of());
    String out = FakeTerminal.run(shell, bare, "istioctl ps").output();
    assertThat(out)
        .containsPattern(
            "istio-ingressgateway-\\S+\\.istio-system +SYNCED +SYNCED +SYNCED +NOT SENT ");
  }

  @Test
  void proxyConfigRouteAsTheLessonTypesIt() {
    ExecResult r =
        run(
            "istioctl proxy-config route $(kubectl get pods -l app=productpage -o jsonpath='{.items[*]"
                + ".metadata.name}').default");
    assertThat(r.exitCode()).isZero();
    String out = r.output();
    assertThat(out)
        .startsWith("NOTE: This output only contains routes loaded via RDS.\nNAME      DOMAINS  ");
    assertThat(out.lines().skip(1).findFirst().orElseThrow())
        .matches("NAME +DOMAINS +MATCH +VIRTUAL SERVICE");
    assertThat(out).containsPattern("\n9080 +details +/\\* +\n");
    assertThat(out)
        .containsPattern(
            "\n9080 +reviews +/\\* +reviews.default\n9080 +reviews +/\\* +reviews.default\n");
    assertThat(out).containsPattern("\n +\\* +/stats/prometheus\\* +\n");
  }

  @Test
  void proxyConfigRouteJsonIsEnvoyShaped() {
    String out =
        run("istioctl pc route productpage-v1-6b746f74dc-mp6tf.default --name 9080 -o json")
            .output();
    assertThat(out)
        .startsWith("[\n    {\n        \"name\": \"9080\",\n        \"virtualHosts\": [\n");
    assertThat(out).contains("\"name\": \"reviews.default.svc.cluster.local:9080\"");
    assertThat(out)
        .contains(
            "\"headers\": [\n                                {\n                                    "
                + "\"name\": \"end-user\",\n                                    \"exactMatch\": \"jason\"");
    assertThat(out).contains("\"cluster\": \"outbound|9080|v2|reviews.default.svc.cluster.local\"");
    assertThat(out)
        .contains(
            "\"config\": \"/apis/networking.istio.io/v1alpha3/namespaces/default/virtual-service/reviews\"");
    assertThat(out).contains("\"validateClusters\": false");
  }

  @Test
  void weightedRoutesShowWeightedClusters() {
    FakeTerminal split =
        new FakeTerminal(
            Map.of(),
            TestResources.snapshot(
                FakeTerminal.NOW, TestResources.DR_REVIEWS, TestResources.VS_REVIEWS_50));
    String out =
        FakeTerminal.run(
                shell,
                split,
                "istioctl pc route productpage-v1-6b746f74dc-mp6tf --name 9080 -o json")
            .output();
    assertThat(out).contains("\"weightedClusters\": {\n");
    assertThat(out)
        .containsPattern(
            "\"name\": \"outbound\\|9080\\|v1\\|reviews.default.svc.cluster.local\",\n +\"weight\": 50");
  }

  @Test
  void gatewayRoutes() {
    String out =
        run("istioctl pc route istio-ingressgateway-5d8d7b9b5c-2xk4p.istio-system").output();
    assertThat(out).containsPattern("\nhttp.80 +\\* +/productpage +bookinfo.default\n");
  }

  @Test
  void clustersEndpointsListeners() {
    String clusters = run("istioctl pc cluster productpage-v1-6b746f74dc-mp6tf.default").output();
    assertThat(clusters).startsWith("SERVICE FQDN ");
    assertThat(clusters)
        .containsPattern(
            "\nreviews.default.svc.cluster.local +9080 +v2 +outbound +EDS +reviews.default\n");
    String eps =
        run("istioctl pc endpoint productpage-v1-6b746f74dc-mp6tf.default --cluster "
                + "'outbound|9080|v2|reviews.default.svc.cluster.local'")
            .output();
    assertThat(eps)
        .isEqualTo(
            """
        ENDPOINT             STATUS      OUTLIER CHECK     CLUSTER
        10.244.0.14:9080     HEALTHY     OK                outbound|9080|v2|reviews.default.svc.cluster.local
        """);
    assertThat(run("istioctl pc listener productpage-v1-6b746f74dc-mp6tf.default").output())
        .startsWith("ADDRESS ")
        .contains("Route: 9080");
  }

  @Test
  void unknownPodIsAnError() {
    ExecResult r = run("istioctl pc route nosuch.default");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.output())
        .isEqualTo(
            "Error: failed to execute command on sidecar: error execing into nosuch/default "
                + "istio-proxy container: pods \"nosuch\" not found\n");
  }

  @Test
  void describePodShowsSubsetsAndRoutes() {
    String out = run("istioctl x describe pod reviews-v2-7d79d5bd5d-8zzqd").output();
    assertThat(out)
        .startsWith(
            "Pod: reviews-v2-7d79d5bd5d-8zzqd\n   Pod Ports: 9080 (reviews), 15090 (istio-proxy)\n");
    assertThat(out).contains("DestinationRule: reviews for \"reviews\"\n   Matching subsets: v2\n");
    assertThat(out).contains("VirtualService: reviews\n");
  }

  @Test
  void versionCountsProxies() {
    assertThat(run("istioctl version").output())
        .isEqualTo(
            "client version: 1.8.1\ncontrol plane version: 1.8.1\ndata plane version: 1.8.1 (8 proxies)\n");
    assertThat(run("istioctl version --remote=false").output()).isEqualTo("1.8.1\n");
  }
}
