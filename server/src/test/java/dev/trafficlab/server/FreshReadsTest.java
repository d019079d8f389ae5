package dev.trafficlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.server.SharedServers.Reply;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A read through one server right after a change through another sees the change: before it serves
 * a sandbox it holds, a server sharing one real redis-server compares its copy's version with the
 * stored one, rather than waiting for the change's announcement.
 */
class FreshReadsTest {
  private static final int ROUNDS = 20;
  private static SharedServers lab;

  @BeforeAll
  static void start() {
    lab = SharedServers.withSlowLink(2, 1, Duration.ofMillis(150));
  }

  @AfterAll
  static void stop() {
    lab.close();
  }

  private static String reviewsTo(String subset) {
    return """
        apiVersion: networking.istio.io/v1alpha3
        kind: VirtualService
        metadata:
          name: reviews
        spec:
          hosts: [reviews]
          http:
          - route:
            - destination:
                host: reviews
                subset: %s
        """
        .formatted(subset);
  }

  private static String routedSubset(String base, String id) {
    Reply explained =
        lab.post(
            base + "/api/sandboxes/" + id + "/routes/explain",
            new JsonObject().put("from", "productpage-v1").put("host", "reviews"));
    assertThat(explained.status()).as(explained.body()).isEqualTo(200);
    return explained.json().getJsonArray("destinations").getJsonObject(0).getString("subset");
  }

  @Test
  void routingThroughTheOtherServerRightAfterAnApplyUsesTheNewRule() {
    Reply created = lab.post(lab.direct(0) + "/api/sandboxes", new JsonObject());
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().getString("id");
    // both servers hold a copy
    routedSubset(lab.direct(0), id);
    routedSubset(lab.direct(1), id);
    List<String> stale = new ArrayList<>();
    String[] subsets = {"v1", "v2", "v3"};
    for (int i = 0; i < ROUNDS; i++) {
      String subset = subsets[i % subsets.length];
      Reply applied =
          lab.postYaml(lab.direct(0) + "/api/sandboxes/" + id + "/apply", reviewsTo(subset));
      assertThat(applied.status()).as(applied.body()).isEqualTo(200);
      String seen = routedSubset(lab.direct(1), id);
      if (!subset.equals(seen)) {
        stale.add("round " + i + ": applied " + subset + ", the other server routed to " + seen);
      }
    }
    assertThat(stale).isEmpty();
  }

  @Test
  void aGetThroughTheOtherServerRightAfterAnApplyListsTheNewResource() {
    Reply created = lab.post(lab.direct(0) + "/api/sandboxes", new JsonObject());
    String id = created.json().getString("id");
    lab.get(lab.direct(1) + "/api/sandboxes/" + id);
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < ROUNDS; i++) {
      String name = "fresh-" + i;
      Reply applied =
          lab.postYaml(
              lab.direct(0) + "/api/sandboxes/" + id + "/apply",
              reviewsTo("v1").replace("name: reviews", "name: " + name));
      assertThat(applied.status()).as(applied.body()).isEqualTo(200);
      Reply read = lab.get(lab.direct(1) + "/api/sandboxes/" + id);
      if (!read.body().contains("\"" + name + "\"")) {
        missing.add("round " + i + ": " + name);
      }
    }
    assertThat(missing).isEmpty();
  }
}
