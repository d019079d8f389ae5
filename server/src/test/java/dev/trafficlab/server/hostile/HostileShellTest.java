package dev.trafficlab.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.server.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One learner attacks the server through the terminal; each attack ends with a message naming the
 * limit, and a second, quiet learner's command still answers (while the attack runs, where it runs
 * for a while).
 */
@ExtendWith(VertxExtension.class)
class HostileShellTest {
  private TestServer server;
  private String attacker;
  private String quiet;
  // enough connections that no request waits in the client's pool behind the attack
  private WebClient client;

  @BeforeEach
  void start(Vertx vertx) {
    server = TestServer.start(vertx);
    client =
        WebClient.create(
            vertx,
            new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.server.port()),
            new PoolOptions().setHttp1MaxSize(64));
    attacker = server.createSandbox();
    quiet = server.createSandbox();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Future<HttpResponse<Buffer>> send(String id, String command) {
    return client
        .request(HttpMethod.POST, "/api/sandboxes/" + id + "/exec")
        .sendJsonObject(new JsonObject().put("command", command));
  }

  private JsonObject exec(String id, String command) {
    HttpResponse<Buffer> response = send(id, command).await();
    assertThat(response.statusCode()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  private void quietLearnerStillWorks() {
    JsonObject body = exec(quiet, "echo quiet; kubectl get virtualservices -A | head -1");
    assertThat(body.getString("output")).startsWith("quiet\n");
    assertThat(body.getInteger("exitCode")).isZero();
  }

  /** Reads (not queued) until the running command has written the file: it has started. */
  private void awaitFile(String id, String path) {
    while (client
            .request(HttpMethod.GET, "/api/sandboxes/" + id + "/files/content?path=" + path)
            .send()
            .await()
            .statusCode()
        != 200) {
      Thread.onSpinWait();
    }
  }

  private static void assertNoJvmNames(String output) {
    assertThat(output)
        .doesNotContain(
            "Java heap space",
            "StackOverflowError",
            "OutOfMemoryError",
            "java.",
            "Exception",
            "internal error");
  }

  @Test
  void aDoublingVariableStopsAtTheValueLimitAndEndsTheCommandLine() {
    JsonObject body = exec(attacker, "x=a; for i in $(seq 1 40); do x=$x$x; done; echo after");
    assertThat(body.getString("output"))
        .contains(
            "bash: memory limit exceeded: a word would hold 2097152 characters; a single value may hold at "
                + "most 1 MiB")
        .doesNotContain("after");
    assertThat(body.getInteger("exitCode")).isNotZero();
    assertNoJvmNames(body.getString("output"));
    quietLearnerStillWorks();
  }

  @Test
  void manyLargeVariablesStopAtTheSandboxMemoryLimit() {
    JsonObject body =
        exec(
            attacker,
            "f=$(seq 1 100000); for i in $(seq 1 40); do eval \"v$i=\\$f\"; done; echo after");
    assertThat(body.getString("output"))
        .contains(
            "bash: memory limit exceeded: a sandbox keeps at most 16 MiB of variables, files, history and "
                + "applied resources")
        .doesNotContain("after");
    assertThat(body.getInteger("exitCode")).isNotZero();
    // what was kept stays within the limit and the sandbox still works; unset makes room again
    assertThat(exec(attacker, "echo ${#v1}").getString("output")).isEqualTo("588894\n");
    assertThat(
            exec(attacker, "for i in $(seq 1 40); do unset v$i; done; g=$f; echo ${#g}")
                .getString("output"))
        .isEqualTo("588894\n");
    quietLearnerStillWorks();
  }

  @Test
  void appliedResourcesCountAgainstTheSandboxMemory() {
    // variables take all but about 0.9 MiB of the sandbox's 16 MiB
    exec(attacker, "f=$(seq 1 100000); for i in $(seq 1 26); do eval \"v$i=\\$f\"; done");
    String manifest =
        "apiVersion: networking.istio.io/v1alpha3\nkind: DestinationRule\nmetadata:\n  name: big\n"
            + "  annotations:\n    note: "
            + "n".repeat(500 * 1024)
            + "\nspec:\n  host: reviews\n";
    HttpResponse<Buffer> refused = apply(attacker, manifest);
    assertThat(refused.statusCode()).isEqualTo(507);
    assertThat(refused.bodyAsJsonObject().getString("error"))
        .startsWith(
            "memory limit exceeded: a sandbox keeps at most 16 MiB of variables, files, history and applied "
                + "resources")
        .endsWith("nothing was applied");
    assertThat(exec(attacker, "kubectl get destinationrule big").getString("output"))
        .contains("NotFound");
    exec(attacker, "unset v1 v2 v3");
    assertThat(apply(attacker, manifest).statusCode()).isEqualTo(200);
    quietLearnerStillWorks();
  }

  private HttpResponse<Buffer> apply(String id, String manifest) {
    return client
        .request(HttpMethod.POST, "/api/sandboxes/" + id + "/apply")
        .putHeader("Content-Type", "application/yaml")
        .sendBuffer(Buffer.buffer(manifest))
        .await();
  }

  @Test
  void commandsThatMultiplyTheirInputStopAtALimit() {
    JsonObject grep =
        exec(
            attacker,
            "seq 1 80000 > /tmp/b; grep 1 $(for i in $(seq 1 20); do echo /tmp/b; done) "
                + "> /dev/null; echo after");
    assertThat(grep.getString("output"))
        .isEqualTo("bash: memory limit exceeded: grep may read at most 4 MiB of files at once\n");
    JsonObject printf = exec(attacker, "f=$(seq 1 100000); printf \"$f%s\" $(seq 1 1000)");
    assertThat(printf.getString("output"))
        .endsWith("bash: output limit exceeded: at most 256 KiB; the rest was " + "dropped\n");
    assertThat(printf.getInteger("exitCode")).isNotZero();
    quietLearnerStillWorks();
  }

  @Test
  void seqRefusesAStepThatCannotAdvanceAtOnce() {
    JsonObject zero = exec(attacker, "seq 1 1e-999999 2 | wc -l");
    assertThat(zero.getString("output"))
        .isEqualTo("seq: invalid Zero increment value: '1e-999999'\n0\n");
    JsonObject tiny = exec(attacker, "seq 1 1e-20 2");
    assertThat(tiny.getString("output"))
        .startsWith("seq: the lab's seq prints at most 100000 numbers");
    assertThat(tiny.getInteger("exitCode")).isEqualTo(1);
    JsonObject huge = exec(attacker, "seq 1e999999 1e999999");
    assertThat(huge.getString("output"))
        .isEqualTo("seq: invalid floating point argument: '1e999999'\n");
    quietLearnerStillWorks();
  }

  @Test
  void aComputingLoopStopsAtItsCpuBudgetWhileAQuietLearnerIsServed() {
    Future<HttpResponse<Buffer>> attack =
        send(
            attacker,
            "x=$(seq 1 60000); for i in $(seq 1 1000); do echo \"$x\" | sort -r | sort -n | wc -l; done > /dev/null");
    quietLearnerStillWorks();
    // the quiet learner was answered while the attack still computed: nothing waited for it
    assertThat(attack.isComplete()).isFalse();
    JsonObject body = attack.await().bodyAsJsonObject();
    assertThat(body.getString("output"))
        .contains("bash: CPU time limit exceeded: a command line may compute for at " + "most 2 s");
    assertThat(body.getInteger("exitCode")).isNotZero();
    quietLearnerStillWorks();
  }

  @Test
  void deletingASandboxCancelsItsRunningCommand() {
    Future<HttpResponse<Buffer>> attack =
        send(
            attacker,
            "echo > /tmp/started; x=$(seq 1 60000); "
                + "for i in $(seq 1 1000); do echo \"$x\" | sort -r | sort -n | wc -l; done > /dev/null");
    awaitFile(attacker, "/tmp/started");
    assertThat(
            client
                .request(HttpMethod.DELETE, "/api/sandboxes/" + attacker)
                .send()
                .await()
                .statusCode())
        .isEqualTo(204);
    JsonObject body = attack.await().bodyAsJsonObject();
    assertThat(body.getString("output"))
        .endsWith("bash: the command line was cancelled: its sandbox was removed\n");
    assertThat(body.getInteger("exitCode")).isNotZero();
    quietLearnerStillWorks();
  }

  @Test
  void aFileThatSourcesItselfStopsAtBashsNestingLimit() {
    JsonObject body =
        exec(
            attacker, "echo 'source /tmp/self.sh' > /tmp/self.sh; source /tmp/self.sh; echo after");
    assertThat(body.getString("output"))
        .isEqualTo("bash: /tmp/self.sh: maximum source nesting level exceeded (100)\n");
    assertThat(body.getInteger("exitCode")).isNotZero();
    JsonObject eval = exec(attacker, "x='eval \"$x\"'; eval \"$x\"");
    assertThat(eval.getString("output"))
        .isEqualTo("bash: eval: maximum eval nesting level exceeded (100)\n");
    quietLearnerStillWorks();
  }

  @Test
  void aRegexWhoseProgramWouldFillTheHeapIsRefusedAsGrepRefusesIt() {
    JsonObject body = exec(attacker, "echo a | grep -E '((a{1000}){1000}){1000}'");
    assertThat(body.getString("output")).isEqualTo("grep: Regular expression too big\n");
    assertThat(body.getInteger("exitCode")).isEqualTo(2);
    quietLearnerStillWorks();
  }

  @Test
  void aMebibyteYamlScalarIsParsedOffTheEventLoopsWithAClearError() {
    String scalar = "a".repeat(1024 * 1024 - 300);
    String manifest =
        "apiVersion: networking.istio.io/v1alpha3\nkind: VirtualService\nmetadata:\n  name: big\n"
            + "spec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destination:\n        host: '"
            + scalar
            + "'\n";
    Future<HttpResponse<Buffer>> apply =
        client
            .request(HttpMethod.POST, "/api/sandboxes/" + attacker + "/apply")
            .putHeader("Content-Type", "application/yaml")
            .sendBuffer(Buffer.buffer(manifest));
    quietLearnerStillWorks();
    HttpResponse<Buffer> answer = apply.await();
    assertThat(answer.statusCode()).isEqualTo(422);
    assertThat(answer.bodyAsJsonObject().getString("output"))
        .startsWith(
            "Error from server: error when creating \"STDIN\": admission webhook \"validation.istio.io\" "
                + "denied the request");
    quietLearnerStillWorks();
  }

  @Test
  void sleepingCommandsHoldNoThread() {
    // more sleepers than Vert.x has worker threads (20): if a sleep held one, the quiet learner
    // would wait
    java.util.List<String> sleepers = new java.util.ArrayList<>();
    for (int i = 0; i < 24; i++) {
      sleepers.add(server.createSandbox());
    }
    java.util.List<Future<HttpResponse<Buffer>>> sleeping = new java.util.ArrayList<>();
    for (String id : sleepers) {
      sleeping.add(send(id, "sleep 3; echo woke"));
    }
    quietLearnerStillWorks();
    assertThat(sleeping).noneMatch(Future::isComplete);
    for (Future<HttpResponse<Buffer>> f : sleeping) {
      assertThat(f.await().bodyAsJsonObject().getString("output")).isEqualTo("woke\n");
    }
  }

  @Test
  void aResetWaitsForTheCommandBeforeItAndLeavesNoHalfState() {
    Future<HttpResponse<Buffer>> command =
        send(
            attacker,
            "echo > /tmp/started; sleep 0.5; kubectl apply -f "
                + "$ISTIO_HOME/samples/bookinfo/networking/virtual-service-all-v1.yaml; echo changed > /root/notes.txt");
    awaitFile(attacker, "/tmp/started");
    HttpResponse<Buffer> reset =
        client
            .request(HttpMethod.POST, "/api/sandboxes/" + attacker + "/reset")
            .sendJsonObject(new JsonObject())
            .await();
    assertThat(reset.statusCode()).isEqualTo(200);
    // The command's answer may still be on its way back, so wait for it; had the reset not queued
    // behind the
    // command, the command's apply and file write would have landed after the reset and survived
    // it.
    assertThat(command.await().bodyAsJsonObject().getInteger("exitCode")).isZero();
    JsonObject lessonStart =
        client.request(HttpMethod.GET, "/api/sandboxes/" + quiet).send().await().bodyAsJsonObject();
    assertThat(reset.bodyAsJsonObject().getJsonArray("resources"))
        .isEqualTo(lessonStart.getJsonArray("resources"));
    assertThat(
            client
                .request(HttpMethod.GET, "/api/sandboxes/" + attacker)
                .send()
                .await()
                .bodyAsJsonObject()
                .getJsonArray("resources"))
        .isEqualTo(lessonStart.getJsonArray("resources"));
    assertThat(exec(attacker, "ls /root/notes.txt").getString("output")).contains("No such file");
    quietLearnerStillWorks();
  }

  @Test
  void aFileWriteThroughTheApiIsQueuedBehindTheRunningCommand() {
    Future<HttpResponse<Buffer>> command =
        send(attacker, "echo > /tmp/started; sleep 0.5; echo from-shell > " + "/root/f.txt");
    awaitFile(attacker, "/tmp/started");
    HttpResponse<Buffer> put =
        client
            .request(
                HttpMethod.PUT, "/api/sandboxes/" + attacker + "/files/content?path=/root/f.txt")
            .putHeader("Content-Type", "text/plain")
            .sendBuffer(Buffer.buffer("from-editor\n"))
            .await();
    assertThat(put.statusCode()).isEqualTo(200);
    // had the write not queued behind the command, the command's later write would have replaced it
    assertThat(command.await().bodyAsJsonObject().getInteger("exitCode")).isZero();
    assertThat(exec(attacker, "cat /root/f.txt").getString("output")).isEqualTo("from-editor\n");
    quietLearnerStillWorks();
  }
}
