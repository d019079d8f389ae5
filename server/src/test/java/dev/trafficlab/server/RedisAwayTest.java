package dev.trafficlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.server.SharedServers.Reply;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Redis stopped and started again during a session: the server keeps serving what it holds, refuses
 * changes with a clear message, and takes changes again by itself once Redis is back.
 */
class RedisAwayTest {
  private static final String RULE =
      """
      apiVersion: networking.istio.io/v1alpha3
      kind: VirtualService
      metadata:
        name: %s
      spec:
        hosts: [reviews]
        http:
        - route:
          - destination:
              host: reviews
              subset: v1
      """;

  @Test
  void readsGoOnChangesAreRefusedWithAMessageAndWorkAgainWhenRedisIsBack() throws Exception {
    try (SharedServers lab = SharedServers.start(1)) {
      String base = lab.direct(0);
      JsonObject created = lab.post(base + "/api/sandboxes", new JsonObject()).json();
      String id = created.getString("id");
      String page = created.getString("productPage");
      assertThat(
              lab.postYaml(base + "/api/sandboxes/" + id + "/apply", RULE.formatted("before"))
                  .status())
          .isEqualTo(200);

      lab.redis.stop();

      assertThat(lab.get(base + page).status()).as("the product page").isEqualTo(200);
      Reply read = lab.get(base + "/api/sandboxes/" + id);
      assertThat(read.status()).isEqualTo(200);
      assertThat(read.body()).contains("\"before\"");

      Reply refused =
          lab.postYaml(base + "/api/sandboxes/" + id + "/apply", RULE.formatted("during"));
      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.json().getString("error"))
          .startsWith(
              "the sandbox store (Redis at 127.0.0.1:" + lab.redis.port() + ") is not answering")
          .endsWith("changes are refused until it is back; try again in a moment");
      Reply command =
          lab.post(
              base + "/api/sandboxes/" + id + "/exec",
              new JsonObject().put("command", "kubectl delete virtualservice before"));
      assertThat(command.status()).isEqualTo(503);
      assertThat(command.json().getString("error"))
          .contains("changes are refused until it is back");
      assertThat(lab.get(base + "/api/sandboxes/" + id).body())
          .as("nothing refused was applied")
          .contains("\"before\"")
          .doesNotContain("\"during\"");

      lab.redis.startAgain();
      Reply again = null;
      for (int i = 0; i < 50; i++) {
        again = lab.postYaml(base + "/api/sandboxes/" + id + "/apply", RULE.formatted("after"));
        if (again.status() == 200) {
          break;
        }
        TimeUnit.MILLISECONDS.sleep(200);
      }
      assertThat(again.status()).as(again.body()).isEqualTo(200);
      assertThat(lab.get(base + "/api/sandboxes/" + id).body())
          .contains("\"before\"")
          .contains("\"after\"")
          .doesNotContain("\"during\"");
    }
  }
}
