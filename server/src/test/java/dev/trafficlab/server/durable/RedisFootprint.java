package dev.trafficlab.server.durable;

import dev.trafficlab.bookinfo.app.BookinfoMesh;
import dev.trafficlab.server.lessons.Lesson;
import dev.trafficlab.server.lessons.LessonCatalog;
import dev.trafficlab.server.sandbox.Sandbox;
import dev.trafficlab.server.sandbox.StartState;
import dev.trafficlab.server.testing.RedisServer;
import dev.trafficlab.terminal.Shell;
import dev.trafficlab.terminal.commands.StandardCommands;
import dev.trafficlab.terminal.files.SandboxFiles;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A benchmark that prints numbers (not a test): what N sandboxes cost in a real Redis (INFO
 * memory), with their real encoded state: fresh lesson sandboxes, and sandboxes after a learner's
 * first steps (two rules applied, a file written, a few commands in the history). Also the save
 * latency through RedisVault. Run:
 *
 * <pre>
 * mvn -B -o -q -pl server -am test-compile dependency:build-classpath \
 *   -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp server/target/test-classes:server/target/classes:$(cat server/target/cp.txt) \
 *   dev.trafficlab.server.durable.RedisFootprint 10000
 * </pre>
 */
public final class RedisFootprint {
  private RedisFootprint() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    Clock clock = Clock.systemUTC();
    Vertx vertx = Vertx.vertx();
    BookinfoMesh mesh = BookinfoMesh.start(vertx).await();
    LessonCatalog lessons = LessonCatalog.fromClasspath(clock);
    SandboxStateCodec codec = new SandboxStateCodec(lessons);
    Lesson lesson = lessons.defaultLesson();
    Shell shell = new Shell(StandardCommands.all(), vertx, clock);

    Sandbox fresh = sandbox(lesson, mesh, clock);
    Sandbox worked = sandbox(lesson, mesh, clock);
    String networking = "istio-1.8.1/samples/bookinfo/networking/";
    for (String line :
        List.of(
            "kubectl get pods",
            "kubectl apply -f " + networking + "virtual-service-all-v1.yaml",
            "kubectl apply -f " + networking + "virtual-service-reviews-test-v2.yaml",
            "echo 'route jason to v2' > /root/notes.txt",
            "kubectl get virtualservices")) {
      worked.serially(() -> shell.exec(worked, line)).await();
    }
    byte[] freshState =
        codec.encode(fresh.serially(() -> Future.succeededFuture(fresh.image())).await());
    byte[] workedState =
        codec.encode(worked.serially(() -> Future.succeededFuture(worked.image())).await());
    System.out.printf(
        "encoded state: fresh lesson sandbox %,d bytes; after the first steps %,d bytes%n",
        freshState.length, workedState.length);

    try (RedisServer redis = RedisServer.start()) {
      RedisVault vault =
          RedisVault.connect(vertx, redis.url(), Duration.ofMinutes(120), clock).await();
      long before = Long.parseLong(redis.info("memory", "used_memory"));
      List<Long> micros = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        byte[] state = i % 2 == 0 ? freshState : workedState;
        String id = UUID.randomUUID().toString().substring(0, 24);
        long started = System.nanoTime();
        vault
            .save(new StoredSandbox(id, "p" + id.substring(1), 1, Instant.now(), state), 0)
            .await();
        micros.add((System.nanoTime() - started) / 1000);
      }
      long after = Long.parseLong(redis.info("memory", "used_memory"));
      micros.sort(null);
      System.out.printf(
          "%,d sandboxes (half fresh, half after the first steps): Redis used_memory %.1f MB"
              + " (%.1f MB more, %,d bytes a sandbox), rss %.1f MB, %s keys%n",
          count,
          after / 1e6,
          (after - before) / 1e6,
          (after - before) / count,
          Long.parseLong(redis.info("memory", "used_memory_rss")) / 1e6,
          redis.call("DBSIZE"));
      System.out.printf(
          "save (compare-and-set + page key + announce), one at a time: median %d µs, p99 %d µs,"
              + " max %d µs%n",
          micros.get(micros.size() / 2),
          micros.get((int) (micros.size() * 0.99)),
          micros.get(micros.size() - 1));
      vault.close().await();
    } finally {
      mesh.close().await();
      vertx.close().await();
    }
  }

  private static Sandbox sandbox(Lesson lesson, BookinfoMesh mesh, Clock clock) {
    return new Sandbox(
        UUID.randomUUID().toString().substring(0, 24),
        UUID.randomUUID().toString().substring(0, 24),
        UUID.randomUUID().toString().substring(0, 24),
        lesson.id(),
        StartState.LESSON,
        lesson.start(),
        SandboxFiles.over(lesson.assets(), clock),
        mesh,
        clock);
  }
}
