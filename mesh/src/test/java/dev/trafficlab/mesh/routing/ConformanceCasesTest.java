package dev.trafficlab.mesh.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.store.ApplyMode;
import dev.trafficlab.mesh.store.ApplyReport;
import dev.trafficlab.mesh.store.ConfigStore;
import dev.trafficlab.mesh.store.Snapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The shared conformance cases (categories semantics and bookinfo-sample) whose expectations route
 * resolution alone decides: subsets and distributions, NR/NC/UH outcomes, cluster names, route
 * timeout, retry policy, mirror and fault. Page requests, latencies, headers and statuses the
 * application produces are left to the data plane.
 */
class ConformanceCasesTest {
  /**
   * shared/ is the repository root's sibling (../../shared from this module); a worktree may sit
   * one level deeper.
   */
  private static final Path CASES = locate();

  private static Path locate() {
    Path dir = Path.of("").toAbsolutePath();
    for (int up = 0; up < 4 && dir != null; up++, dir = dir.getParent()) {
      Path p = dir.resolve("shared").resolve("conformance").resolve("cases.json");
      if (up >= 2 && Files.exists(p)) {
        return p;
      }
    }
    return Path.of("..", "..", "shared", "conformance", "cases.json");
  }

  @TestFactory
  Stream<DynamicTest> routingCasesOfTheSharedConformanceSuite() throws Exception {
    assumeTrue(Files.exists(CASES), "no shared conformance cases next to the repository");
    Map<String, Object> root =
        asMap(
            new Load(LoadSettings.builder().setCodePointLimit(50_000_000).build())
                .loadFromString(Files.readString(CASES)));
    List<DynamicTest> tests = new ArrayList<>();
    for (Object o : (List<?>) root.get("cases")) {
      Map<String, Object> c = asMap(o);
      String category = (String) c.get("category");
      if (!"semantics".equals(category) && !"bookinfo-sample".equals(category)) {
        continue;
      }
      if (!"ok".equals(c.get("expect_apply"))) {
        continue;
      }
      tests.add(DynamicTest.dynamicTest((String) c.get("name"), () -> runCase(c)));
    }
    assertThat(tests).isNotEmpty();
    return tests.stream();
  }

  private static void runCase(Map<String, Object> c) {
    RouteTable table = apply(c);
    int checked = 0;
    for (Object o : (List<?>) c.get("requests")) {
      Map<String, Object> r = asMap(o);
      if ("page".equals(r.get("kind"))) {
        continue;
      }
      checked += check(table, r, (String) c.get("name"));
    }
    assumeTrue(checked > 0, "nothing in this case is decided by route resolution alone");
  }

  /**
   * Applies setup_yaml then yaml with kubectl semantics, as the harness does (every document must
   * apply).
   */
  private static RouteTable apply(Map<String, Object> c) {
    String setup = (String) c.get("setup_yaml");
    String yaml = (String) c.get("yaml");
    ConfigStore store =
        new ConfigStore(Snapshot.empty(Inventory.bookinfo(), IstioProfile.ISTIO_1_8));
    for (Object ns : c.get("setup_namespaces") instanceof List<?> l ? l : List.of()) {
      store.createNamespace((String) ns);
    }
    if (setup != null) {
      ApplyReport rep = store.apply(setup, "default", "setup.yaml", ApplyMode.APPLY);
      assertThat(rep.ok()).as(rep.output()).isTrue();
    }
    ApplyReport rep = store.apply(yaml, "default", "STDIN", ApplyMode.APPLY);
    assertThat(rep.ok()).as(rep.output()).isTrue();
    return store.current().routes();
  }

  /** Checks what resolution decides for one request; returns how many expectations it checked. */
  private static int check(RouteTable table, Map<String, Object> r, String name) {
    String from =
        "ingress".equals(r.get("via"))
            ? "istio-ingressgateway"
            : (String) r.getOrDefault("from", "productpage-v1");
    Map<String, String> headers = new LinkedHashMap<>();
    if (r.get("headers") instanceof Map<?, ?> h) {
      h.forEach((k, v) -> headers.put(String.valueOf(k), String.valueOf(v)));
    }
    Integer port = r.get("port") instanceof Number n ? n.intValue() : null;
    RouteRequest req =
        new RouteRequest(
            from,
            (String) r.getOrDefault("host", "reviews"),
            port,
            (String) r.getOrDefault("method", "GET"),
            (String) r.getOrDefault("path", "/reviews/0"),
            headers);
    Decision d = table.resolve(req);
    String what = name + " " + r;
    int count = r.get("count") instanceof Number n ? n.intValue() : 1;
    int checked = 0;

    if (r.containsKey("expect_subset")
        || r.containsKey("expect_distribution")
        || r.containsKey("expect_never_subset")) {
      Map<String, Integer> versions = pickVersions(d, count);
      if (r.get("expect_subset") instanceof String s) {
        assertThat(versions).as(what).isEqualTo(Map.of(s, count));
      }
      if (r.get("expect_never_subset") instanceof String s) {
        assertThat(versions).as(what).doesNotContainKey(s);
      }
      if (r.get("expect_distribution") instanceof Map<?, ?> want) {
        double tol = r.get("tolerance_pct") instanceof Number t ? t.doubleValue() : 5;
        for (Map.Entry<?, ?> e : want.entrySet()) {
          double got = 100.0 * versions.getOrDefault(String.valueOf(e.getKey()), 0) / count;
          assertThat(got)
              .as(what + " " + e.getKey())
              .isCloseTo(
                  ((Number) e.getValue()).doubleValue(), org.assertj.core.data.Offset.offset(tol));
        }
      }
      checked++;
    }
    if (r.get("expect_response_flag") instanceof String flag
        && List.of("NR", "NC", "UH").contains(flag)) {
      Outcome want =
          switch (flag) {
            case "NR" -> Outcome.NO_ROUTE;
            case "NC" -> Outcome.CLUSTER_NOT_FOUND;
            default -> Outcome.NO_HEALTHY_UPSTREAM;
          };
      assertThat(d.outcome()).as(what).isEqualTo(want);
      checked++;
    }
    if (r.containsKey("expect_cluster")) {
      assertThat(d.destinations())
          .as(what)
          .extracting(ClusterTarget::cluster)
          .contains((String) r.get("expect_cluster"));
      checked++;
    }
    if (r.get("expect_route_timeout_ms") instanceof Number t) {
      assertThat(d.timeoutMs()).as(what).isEqualTo(t.longValue());
      checked++;
    }
    if (r.containsKey("expect_retry_policy")) {
      Object want = r.get("expect_retry_policy");
      if (want == null) {
        assertThat(d.retries().attempts()).as(what).isZero();
      } else {
        Map<String, Object> w = asMap(want);
        assertThat(d.retries().attempts())
            .as(what)
            .isEqualTo(((Number) w.get("num_retries")).intValue());
        if (w.get("retry_on") instanceof String on) {
          assertThat(List.of(d.retries().retryOn().split(",")))
              .as(what)
              .containsExactlyInAnyOrder(on.split(","));
        }
        if (w.get("per_try_timeout_ms") instanceof Number p) {
          assertThat(d.retries().perTryTimeoutMs()).as(what).isEqualTo(p.longValue());
        }
      }
      checked++;
    }
    if (r.containsKey("expect_mirror")) {
      Object want = r.get("expect_mirror");
      if (want == null) {
        assertThat(d.mirror()).as(what).isNull();
      } else {
        Map<String, Object> w = asMap(want);
        assertThat(d.mirror()).as(what).isNotNull();
        if (w.get("subset") instanceof String s) {
          assertThat(d.mirror().subset()).as(what).isEqualTo(s);
        }
        if (w.get("cluster") instanceof String cl) {
          assertThat(d.mirror().cluster()).as(what).isEqualTo(cl);
        }
        if (w.get("fraction") instanceof Number f) {
          assertThat(d.mirror().percentage()).as(what).isEqualTo(100.0 * f.doubleValue());
        }
      }
      checked++;
    }
    if (r.containsKey("expect_fault")) {
      Object want = r.get("expect_fault");
      if (want == null) {
        assertThat(d.fault()).as(what).isNull();
      } else {
        Map<String, Object> w = asMap(want);
        double fraction = w.get("fraction") instanceof Number f ? f.doubleValue() : 1.0;
        assertThat(d.fault()).as(what).isNotNull();
        if (w.get("delay_ms") instanceof Number ms) {
          assertThat(d.fault().delay())
              .as(what)
              .isEqualTo(new FaultPolicy.Delay(ms.longValue(), 100.0 * fraction));
        }
        if (w.get("abort_status") instanceof Number s) {
          assertThat(d.fault().abort())
              .as(what)
              .isEqualTo(new FaultPolicy.Abort(s.intValue(), 100.0 * fraction));
        }
      }
      checked++;
    }
    return checked;
  }

  /**
   * Where count requests land, by pod version: a seeded weighted pick among the destinations, then
   * round robin over the cluster's endpoints (1.8's default LB). A failing destination counts under
   * its subset name.
   */
  private static Map<String, Integer> pickVersions(Decision d, int count) {
    Random random = new Random(1);
    Map<String, Integer> out = new HashMap<>();
    Map<String, Integer> rr = new HashMap<>();
    for (int i = 0; i < count; i++) {
      ClusterTarget t = d.pick(random::nextDouble);
      String key;
      if (t == null) {
        key = "";
      } else if (t.endpoints().isEmpty()) {
        key = t.subset();
      } else {
        int n = rr.merge(t.cluster(), 1, Integer::sum) - 1;
        Pod p = t.endpoints().get(n % t.endpoints().size());
        key = p.version();
      }
      out.merge(key, 1, Integer::sum);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object o) {
    return (Map<String, Object>) o;
  }
}
