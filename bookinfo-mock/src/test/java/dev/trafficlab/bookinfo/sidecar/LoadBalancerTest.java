package dev.trafficlab.bookinfo.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.inventory.Pod;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Endpoint choice inside a cluster, per DestinationRule loadBalancer, with state per sandbox and
 * per proxy.
 */
class LoadBalancerTest {
  static final List<Pod> REVIEWS =
      Inventory.bookinfo()
          .endpoints(Inventory.bookinfo().service("default", "reviews").orElseThrow(), Map.of());
  static final String CLUSTER = "outbound|9080||reviews.default.svc.cluster.local";

  private static Pod pick(LoadBalancerState st, String from, Map<String, Object> policy, Random r) {
    return LoadBalancer.choose(
        st, from, CLUSTER, REVIEWS, policy, Set.of(), r::nextDouble, h -> null);
  }

  @Test
  void roundRobinIsTheDefaultAndEachProxyKeepsItsOwnPosition() {
    LoadBalancerState st = new LoadBalancerState();
    Random r = new Random(1);
    assertThat(
            List.of(
                pick(st, "productpage", Map.of(), r),
                pick(st, "productpage", Map.of(), r),
                pick(st, "productpage", Map.of(), r)))
        .containsExactlyElementsOf(REVIEWS);
    assertThat(pick(st, "ingress", Map.of(), r)).isEqualTo(REVIEWS.get(0));
    assertThat(pick(new LoadBalancerState(), "productpage", Map.of(), r)).isEqualTo(REVIEWS.get(0));
  }

  @Test
  void randomSpreadsRoughlyEvenly() {
    LoadBalancerState st = new LoadBalancerState();
    Random r = new Random(5);
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 3000; i++) {
      counts.merge(
          pick(st, "p", Map.of("loadBalancer", Map.of("simple", "RANDOM")), r).version(),
          1,
          Integer::sum);
    }
    assertThat(counts.values()).allSatisfy(c -> assertThat(c).isBetween(850, 1150));
  }

  @Test
  void leastConnPrefersTheLessBusyPod() {
    LoadBalancerState st = new LoadBalancerState();
    st.active(REVIEWS.get(0).name()).set(10);
    st.active(REVIEWS.get(1).name()).set(10);
    Random r = new Random(9);
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 300; i++) {
      counts.merge(
          pick(st, "p", Map.of("loadBalancer", Map.of("simple", "LEAST_CONN")), r).version(),
          1,
          Integer::sum);
    }
    assertThat(counts.getOrDefault("v3", 0)).isGreaterThan(150);
  }

  @Test
  void consistentHashOnAHeaderSticks() {
    LoadBalancerState st = new LoadBalancerState();
    Map<String, Object> policy =
        Map.of("loadBalancer", Map.of("consistentHash", Map.of("httpHeaderName", "end-user")));
    Pod first =
        LoadBalancer.choose(
            st, "p", CLUSTER, REVIEWS, policy, Set.of(), Math::random, h -> "jason");
    for (int i = 0; i < 10; i++) {
      assertThat(
              LoadBalancer.choose(
                  st, "p", CLUSTER, REVIEWS, policy, Set.of(), Math::random, h -> "jason"))
          .isEqualTo(first);
    }
  }

  @Test
  void consistentHashWithoutTheHeaderPicksAtRandomAsEnvoysRingHashDoes() {
    LoadBalancerState st = new LoadBalancerState();
    Map<String, Object> policy =
        Map.of("loadBalancer", Map.of("consistentHash", Map.of("httpHeaderName", "end-user")));
    Random r = new Random(3);
    java.util.Set<String> pods = new java.util.HashSet<>();
    for (int i = 0; i < 30; i++) {
      pods.add(
          LoadBalancer.choose(st, "p", CLUSTER, REVIEWS, policy, Set.of(), r::nextDouble, h -> null)
              .name());
    }
    assertThat(pods).hasSize(REVIEWS.size());
  }

  @Test
  void consistentHashOnAQueryParameterUsesItsValue() {
    LoadBalancerState st = new LoadBalancerState();
    Map<String, Object> policy =
        Map.of("loadBalancer", Map.of("consistentHash", Map.of("httpQueryParameterName", "user")));
    java.util.Set<String> pods = new java.util.HashSet<>();
    for (int i = 0; i < 30; i++) {
      String path = "/reviews/0?user=u" + i;
      pods.add(
          LoadBalancer.choose(
                  st,
                  "p",
                  CLUSTER,
                  REVIEWS,
                  policy,
                  Set.of(),
                  Math::random,
                  h -> h.equals(":path") ? path : null)
              .name());
    }
    assertThat(pods).hasSizeGreaterThan(1);
    assertThat(LoadBalancer.queryValue("/x?a=1&user=bob", "user")).isEqualTo("bob");
  }

  @Test
  void retriesAvoidPodsAlreadyTried() {
    LoadBalancerState st = new LoadBalancerState();
    Pod p =
        LoadBalancer.choose(
            st,
            "p",
            CLUSTER,
            REVIEWS,
            Map.of(),
            Set.of(REVIEWS.get(0).name()),
            Math::random,
            h -> null);
    assertThat(p).isNotEqualTo(REVIEWS.get(0));
  }
}
