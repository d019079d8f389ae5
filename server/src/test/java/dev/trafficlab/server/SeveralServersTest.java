package dev.trafficlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.server.SharedServers.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two real servers sharing one real redis-server (REDIS_URL), behind a real nginx round-robin: any
 * server serves any sandbox, changes from both are all kept, a copy changed elsewhere is refreshed
 * before the next request, and a rolling restart under load fails no learner request.
 */
class SeveralServersTest {
  private static SharedServers lab;

  @BeforeAll
  static void start() {
    lab = SharedServers.start(2);
  }

  @AfterAll
  static void stop() {
    lab.close();
  }

  private static String create(String base) {
    Reply created = lab.post(base + "/api/sandboxes", new JsonObject());
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().getString("id");
  }

  private static String virtualService(String name) {
    return """
        apiVersion: networking.istio.io/v1alpha3
        kind: VirtualService
        metadata:
          name: %s
        spec:
          hosts: [%s.example.com]
          http:
          - route:
            - destination:
                host: reviews
                subset: v1
        """
        .formatted(name, name);
  }

  private static Reply apply(String base, String id, String name) {
    return lab.postYaml(base + "/api/sandboxes/" + id + "/apply", virtualService(name));
  }

  private static Set<String> virtualServices(String base, String id) {
    Reply sandbox = lab.get(base + "/api/sandboxes/" + id);
    assertThat(sandbox.status()).as(sandbox.body()).isEqualTo(200);
    JsonArray resources = sandbox.json().getJsonArray("resources");
    return resources.stream()
        .map(JsonObject.class::cast)
        .filter(r -> r.getString("kind").equals("VirtualService"))
        .map(r -> r.getString("name"))
        .collect(Collectors.toSet());
  }

  /**
   * The VirtualServices a read finds, read again for up to a second until it finds {@code
   * expected}: a read is not a change, so it takes no turn, and the announcement of a change made
   * through the other server reaches this one a moment later (milliseconds, more on a loaded
   * machine). A change always runs on the latest copy (its turn checks the version).
   */
  private static Set<String> seenSoon(String base, String id, List<String> expected)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    Set<String> seen = virtualServices(base, id);
    while (!seen.containsAll(expected) && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(10);
      seen = virtualServices(base, id);
    }
    return seen;
  }

  private static Reply exec(String base, String id, String command) {
    return lab.post(
        base + "/api/sandboxes/" + id + "/exec", new JsonObject().put("command", command));
  }

  @Test
  void requestsAlternatingBetweenServersSeeOneSandbox() throws Exception {
    String id = create(lab.base());
    List<String> applied = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String name = "alternating-" + i;
      Reply reply = apply(lab.base(), id, name);
      assertThat(reply.status()).as(reply.body()).isEqualTo(200);
      assertThat(reply.json().getString("output"))
          .isEqualTo("virtualservice.networking.istio.io/" + name + " created\n");
      applied.add(name);
      assertThat(seenSoon(lab.base(), id, applied)).containsAll(applied);
    }
    Reply written = exec(lab.base(), id, "echo 'kept on one server' > /root/notes.txt");
    assertThat(written.status()).as(written.body()).isEqualTo(200);
    for (int i = 0; i < 4; i++) {
      Reply read = exec(lab.base(), id, "cat /root/notes.txt");
      assertThat(read.json().getString("output")).isEqualTo("kept on one server\n");
    }
    String page = lab.get(lab.base() + "/api/sandboxes/" + id).json().getString("productPage");
    for (int i = 0; i < 4; i++) {
      assertThat(lab.get(lab.base() + page).status()).isEqualTo(200);
    }
    // Both servers answered this sandbox's requests.
    List<String> upstreams =
        lab.nginx.accessLog().stream()
            .filter(line -> line.contains("/api/sandboxes/" + id))
            .map(line -> line.substring(0, line.indexOf(' ')))
            .distinct()
            .toList();
    assertThat(upstreams).hasSize(2);
  }

  @Test
  void aCopyChangedOnTheOtherServerIsFreshForTheNextChangeAndSoonForReads() throws Exception {
    String id = create(lab.direct(0));
    assertThat(virtualServices(lab.direct(0), id)).doesNotContain("made-on-b");
    assertThat(virtualServices(lab.direct(1), id)).doesNotContain("made-on-b");

    for (int i = 0; i < 5; i++) {
      String name = "made-on-b-" + i;
      assertThat(apply(lab.direct(1), id, name).status()).isEqualTo(200);
      assertThat(seenSoon(lab.direct(0), id, List.of(name))).contains(name);
      Reply listed = exec(lab.direct(0), id, "kubectl get virtualservices " + name);
      assertThat(listed.json().getString("output")).contains(name);
    }
  }

  @Test
  void changesMadeAtOnceThroughBothServersAreAllKept() throws Exception {
    String id = create(lab.base());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Reply>> replies = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        String base = lab.direct(i % 2);
        String name = "together-" + i;
        replies.add(pool.submit(() -> apply(base, id, name)));
      }
      for (Future<Reply> reply : replies) {
        Reply r = reply.get(60, TimeUnit.SECONDS);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
    Set<String> expected = new java.util.HashSet<>();
    for (int i = 0; i < 24; i++) {
      expected.add("together-" + i);
    }
    assertThat(virtualServices(lab.direct(0), id)).containsAll(expected);
    assertThat(virtualServices(lab.direct(1), id)).containsAll(expected);
  }

  @Test
  void aRollingRestartUnderLoadFailsNoLearnerRequest() throws Exception {
    List<String> ids = List.of(create(lab.base()), create(lab.base()), create(lab.base()));
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger requests = new AtomicInteger();
    List<String> failures = new CopyOnWriteArrayList<>();
    Set<String> applied = ConcurrentHashMap.newKeySet();
    ExecutorService learners = Executors.newFixedThreadPool(ids.size());
    try {
      for (String id : ids) {
        learners.submit(
            () -> {
              String page =
                  lab.get(lab.base() + "/api/sandboxes/" + id).json().getString("productPage");
              int round = 0;
              while (running.get()) {
                round++;
                String name = "rolling-" + round;
                List<Reply> replies = new ArrayList<>();
                try {
                  replies.add(apply(lab.base(), id, name));
                  applied.add(id + "/" + name);
                  replies.add(lab.get(lab.base() + "/api/sandboxes/" + id));
                  replies.add(exec(lab.base(), id, "kubectl get virtualservice " + name));
                  replies.add(lab.get(lab.base() + page));
                } catch (RuntimeException e) {
                  failures.add(id + " round " + round + ": " + e.getMessage());
                }
                for (Reply r : replies) {
                  requests.incrementAndGet();
                  if (r.status() != 200) {
                    failures.add(id + " round " + round + ": " + r.status() + " " + r.body());
                  }
                }
              }
              return null;
            });
      }
      TimeUnit.SECONDS.sleep(2);
      lab.restart(0);
      TimeUnit.SECONDS.sleep(2);
      lab.restart(1);
      TimeUnit.SECONDS.sleep(2);
    } finally {
      running.set(false);
      learners.shutdown();
      learners.awaitTermination(60, TimeUnit.SECONDS);
    }
    assertThat(failures).as(lab.nginx.errorLog()).isEmpty();
    assertThat(requests.get()).isGreaterThan(40);
    for (String id : ids) {
      Set<String> names = virtualServices(lab.base(), id);
      applied.stream()
          .filter(a -> a.startsWith(id + "/"))
          .forEach(a -> assertThat(names).contains(a.substring(id.length() + 1)));
    }
  }
}
