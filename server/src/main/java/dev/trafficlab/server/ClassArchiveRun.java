package dev.trafficlab.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code java -XX:ArchiveClassesAtExit=traffic-lab.jsa -jar traffic-lab.jar class-archive-run}: a
 * server started on a free port, with its store in a temporary directory, walked through what a
 * learner's first minute loads (pages, a sandbox, a command, an apply, the product page), then
 * stopped. The JVM writes every class it loaded to the archive as it exits; a server started with
 * {@code -XX:SharedArchiveFile=traffic-lab.jsa} maps them instead of reading and verifying each one
 * from the jar, which takes about a third off its start (docs/benchmarks.md). The Docker image
 * makes its archive this way.
 */
final class ClassArchiveRun {
  static final String COMMAND = "class-archive-run";

  private ClassArchiveRun() {}

  /** The exit status: 0 when every request of the walk was answered as a learner's would be. */
  static int run(Map<String, String> environment, PrintStream out, PrintStream err) {
    Path data;
    try {
      data = Files.createTempDirectory("traffic-lab-class-archive");
    } catch (IOException e) {
      err.println("class-archive-run: cannot make a temporary directory: " + e.getMessage());
      return 1;
    }
    Map<String, String> settings = new HashMap<>(environment);
    settings.put("HOST", "127.0.0.1");
    settings.put("PORT", "0");
    settings.put("DATA_DIR", data.toString());
    settings.remove("REDIS_URL");
    Vertx vertx = Vertx.vertx();
    try {
      TrafficLabServer server =
          TrafficLabServer.start(vertx, ServerConfig.fromEnvironment(settings)).await();
      try {
        walk(vertx, server.port()).await();
        out.println(
            "class-archive-run: home page, lesson page, a sandbox, two commands and its product"
                + " page answered");
        return 0;
      } finally {
        server.close().await();
      }
    } catch (RuntimeException e) {
      err.println("class-archive-run failed: " + e.getMessage());
      return 1;
    } finally {
      vertx.close().await();
      deleteTree(data);
    }
  }

  private static Future<Void> walk(Vertx vertx, int port) {
    HttpClient client = vertx.createHttpClient();
    Future<String> home = get(client, port, "/");
    Future<String> lesson = home.compose(v -> get(client, port, "/lessons/traffic-management"));
    Future<JsonObject> sandbox =
        lesson.compose(v -> send(client, port, HttpMethod.POST, "/api/sandboxes", "{}"));
    Future<String> commands =
        sandbox.compose(
            s ->
                exec(client, port, s, "kubectl get pods")
                    .compose(
                        v ->
                            exec(
                                client,
                                port,
                                s,
                                "kubectl apply -f"
                                    + " $ISTIO_HOME/samples/bookinfo/networking/virtual-service-all-v1.yaml"))
                    .compose(v -> get(client, port, s.getString("productPage"))));
    return commands.<Void>mapEmpty().eventually(() -> client.close());
  }

  private static Future<JsonObject> exec(
      HttpClient client, int port, JsonObject sandbox, String command) {
    return send(
        client,
        port,
        HttpMethod.POST,
        "/api/sandboxes/" + sandbox.getString("id") + "/exec",
        new JsonObject().put("command", command).encode());
  }

  private static Future<String> get(HttpClient client, int port, String path) {
    return client
        .request(HttpMethod.GET, port, "127.0.0.1", path)
        .compose(r -> r.send())
        .compose(r -> body(r, path));
  }

  private static Future<JsonObject> send(
      HttpClient client, int port, HttpMethod method, String path, String json) {
    return client
        .request(
            new RequestOptions()
                .setMethod(method)
                .setPort(port)
                .setHost("127.0.0.1")
                .setURI(path)
                .putHeader("Content-Type", "application/json"))
        .compose(r -> r.send(json))
        .compose(r -> body(r, path))
        .map(JsonObject::new);
  }

  private static Future<String> body(HttpClientResponse response, String path) {
    return response
        .body()
        .compose(
            b ->
                response.statusCode() / 100 == 2
                    ? Future.succeededFuture(b.toString())
                    : Future.failedFuture(
                        path + " answered " + response.statusCode() + ": " + b.toString()));
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> all = Files.walk(root)) {
      all.sorted(Comparator.reverseOrder()).forEach(ClassArchiveRun::delete);
    } catch (IOException | UncheckedIOException e) {
      // a temporary directory left behind is harmless
    }
  }

  private static void delete(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
