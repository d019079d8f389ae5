package dev.trafficlab.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A proxy's /config_dump, reached as on a cluster: the configs istioctl proxy-config reads, in
 * Envoy's shape and holding exactly what istioctl prints.
 */
class ConfigDumpCommandsTest extends RealMeshShellTest {
  private static final String PRODUCTPAGE = ProxyStatsCommandsTest.PRODUCTPAGE;

  private JsonObject dump(FakeTerminal t, String command) {
    ExecResult r = run(t, command);
    assertThat(r.exitCode()).as(r.output()).isZero();
    return new JsonObject(r.output());
  }

  private static JsonObject config(JsonObject dump, String type) {
    for (Object c : dump.getJsonArray("configs")) {
      JsonObject o = (JsonObject) c;
      if (o.getString("@type").equals("type.googleapis.com/envoy.admin.v3." + type)) {
        return o;
      }
    }
    throw new AssertionError(type + " missing from " + dump.encode());
  }

  /** The resources of one dump section, each without its Any type URL. */
  private static List<JsonObject> resources(JsonArray entries, String field) {
    List<JsonObject> out = new ArrayList<>();
    for (Object e : entries) {
      JsonObject r = ((JsonObject) e).getJsonObject(field).copy();
      r.remove("@type");
      out.add(r);
    }
    return out;
  }

  @Test
  void pilotAgentConfigDumpHoldsWhatIstioctlProxyConfigPrints() {
    FakeTerminal t = sandbox(TestResources.DR_REVIEWS, TestResources.VS_REVIEWS_50);
    JsonObject dump =
        dump(
            t,
            "kubectl exec "
                + PRODUCTPAGE
                + " -c istio-proxy -- pilot-agent request GET config_dump");
    List<String> types = new ArrayList<>();
    dump.getJsonArray("configs").forEach(c -> types.add(((JsonObject) c).getString("@type")));
    assertThat(types)
        .containsExactly(
            "type.googleapis.com/envoy.admin.v3.BootstrapConfigDump",
            "type.googleapis.com/envoy.admin.v3.ClustersConfigDump",
            "type.googleapis.com/envoy.admin.v3.ListenersConfigDump",
            "type.googleapis.com/envoy.admin.v3.ScopedRoutesConfigDump",
            "type.googleapis.com/envoy.admin.v3.RoutesConfigDump",
            "type.googleapis.com/envoy.admin.v3.SecretsConfigDump");

    JsonObject node =
        config(dump, "BootstrapConfigDump").getJsonObject("bootstrap").getJsonObject("node");
    assertThat(node.getString("id"))
        .matches(
            "sidecar~[0-9.]+~productpage-v1-[a-z0-9]+-[a-z0-9]+\\.default~default\\.svc\\.cluster\\.local");
    assertThat(node.getString("cluster")).isEqualTo("productpage.default");
    assertThat(node.getJsonObject("metadata").getString("ISTIO_VERSION")).isEqualTo("1.8.1");

    String pod = run(t, "echo " + PRODUCTPAGE).output().trim();
    JsonArray clusters =
        new JsonArray(run(t, "istioctl proxy-config cluster " + pod + " -o json").output());
    assertThat(
            resources(
                config(dump, "ClustersConfigDump").getJsonArray("dynamicActiveClusters"),
                "cluster"))
        .isEqualTo(clusters.stream().map(JsonObject.class::cast).toList());
    JsonArray routes =
        new JsonArray(run(t, "istioctl proxy-config route " + pod + " -o json").output());
    assertThat(
            resources(
                config(dump, "RoutesConfigDump").getJsonArray("dynamicRouteConfigs"),
                "routeConfig"))
        .isEqualTo(routes.stream().map(JsonObject.class::cast).toList());
    assertThat(config(dump, "RoutesConfigDump").encode())
        .as("the applied 50/50 split")
        .contains("\"weightedClusters\"")
        .contains("outbound|9080|v3|reviews.default.svc.cluster.local");
    JsonArray listeners = config(dump, "ListenersConfigDump").getJsonArray("dynamicListeners");
    assertThat(listeners.size())
        .isEqualTo(
            new JsonArray(run(t, "istioctl proxy-config listener " + pod + " -o json").output())
                .size());
  }

  @Test
  void curlToTheAdminPortPrintsTheSameDump() {
    FakeTerminal t = sandbox(TestResources.DR_REVIEWS);
    String viaAgent =
        run(
                t,
                "kubectl exec "
                    + PRODUCTPAGE
                    + " -c istio-proxy -- pilot-agent request GET config_dump")
            .output();
    String viaCurl =
        run(
                t,
                "kubectl exec "
                    + PRODUCTPAGE
                    + " -c istio-proxy -- curl -s localhost:15000/config_dump")
            .output();
    assertThat(new JsonObject(viaCurl)).isEqualTo(new JsonObject(viaAgent));
    assertThat(viaAgent).startsWith("{\n \"configs\": [\n  {\n   \"@type\": ");
  }
}
