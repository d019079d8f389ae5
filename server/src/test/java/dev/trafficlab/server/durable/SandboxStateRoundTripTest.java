package dev.trafficlab.server.durable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.bookinfo.app.BookinfoMesh;
import dev.trafficlab.mesh.routing.RouteRequest;
import dev.trafficlab.server.MutableClock;
import dev.trafficlab.server.lessons.Lesson;
import dev.trafficlab.server.lessons.LessonCatalog;
import dev.trafficlab.server.sandbox.Sandbox;
import dev.trafficlab.server.sandbox.SandboxImage;
import dev.trafficlab.server.sandbox.StartState;
import dev.trafficlab.terminal.ExecResult;
import dev.trafficlab.terminal.Shell;
import dev.trafficlab.terminal.ShellState;
import dev.trafficlab.terminal.commands.StandardCommands;
import dev.trafficlab.terminal.files.SandboxFiles;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A sandbox a learner worked in, captured, encoded, decoded and restored into a new sandbox (by a
 * lesson catalogue built at another time, as a restarted server or another server builds it),
 * answers every command as the original does: cluster, pods and their ages, Envoy's routes, files,
 * history, variables, definitions, progress and terminals.
 */
class SandboxStateRoundTripTest {
  private static final String LESSON = "traffic-management";
  private static Vertx vertx;
  private static BookinfoMesh mesh;
  private static final LessonCatalog CATALOG =
      LessonCatalog.fromClasspath(
          Clock.fixed(Instant.parse("2026-12-07T09:00:00Z"), ZoneOffset.UTC));

  /** The catalogue of a server started later: its lesson starts were applied at another time. */
  private static final LessonCatalog LATER_CATALOG =
      LessonCatalog.fromClasspath(
          Clock.fixed(Instant.parse("2026-12-08T17:30:00Z"), ZoneOffset.UTC));

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
  private Shell shell;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    mesh = BookinfoMesh.start(vertx).await();
  }

  @AfterAll
  static void stop() {
    mesh.close().await();
    vertx.close().await();
  }

  @BeforeEach
  void newShell() {
    shell = new Shell(StandardCommands.all(), vertx, clock);
  }

  private Sandbox fresh(Lesson lesson) {
    return new Sandbox(
        "sandbox-id-0123456789abcdef",
        "page-key-0123456789abcdef",
        "csrf-token-0123456789abcdef",
        lesson.id(),
        StartState.LESSON,
        lesson.start(),
        SandboxFiles.over(lesson.assets(), clock),
        mesh,
        clock);
  }

  private ExecResult exec(Sandbox s, String line) {
    return s.serially(() -> shell.exec(s, line)).await();
  }

  private String run(Sandbox s, String line) {
    ExecResult r = exec(s, line);
    return "exit " + r.exitCode() + "\n" + r.output();
  }

  private static SandboxImage image(Sandbox s) {
    return s.serially(() -> Future.succeededFuture(s.image())).await();
  }

  /** The traffic-management lesson's first steps, and what a learner does besides. */
  private Sandbox learnerSandbox() {
    Lesson lesson = CATALOG.lesson(LESSON).orElseThrow();
    Sandbox s = fresh(lesson);
    String networking = "$ISTIO_HOME/samples/bookinfo/networking/";
    assertThat(run(s, "kubectl apply -f " + networking + "virtual-service-all-v1.yaml"))
        .contains("virtualservice.networking.istio.io/reviews created");
    assertThat(s.serially(() -> s.check(LESSON, lesson.step(1).orElseThrow())).await().passed())
        .isTrue();
    s.progress().setCurrentStep(LESSON, 2);
    clock.advance(Duration.ofSeconds(40));
    run(s, "kubectl apply -f " + networking + "virtual-service-reviews-test-v2.yaml");
    run(
        s,
        """
        cat > my.yaml <<'EOF'
        apiVersion: networking.istio.io/v1alpha3
        kind: VirtualService
        metadata:
          name: ratings
        spec:
          hosts:
          - ratings
          http:
          - fault:
              delay:
                percentage:
                  value: 100.0
                fixedDelay: 7s
            route:
            - destination:
                host: ratings
                subset: v1
        EOF""");
    assertThat(run(s, "kubectl apply -f my.yaml"))
        .contains("virtualservice.networking.istio.io/ratings configured");
    run(s, "echo '# tried this one' >> " + networking + "virtual-service-reviews-v3.yaml");
    run(s, "rm " + networking + "virtual-service-reviews-80-20.yaml");
    run(s, "mkdir -p /tmp/work/notes && echo first > /tmp/work/notes/a.txt");
    run(s, "export GREETING=hello; LOCAL_ONLY=mine");
    run(s, "alias kgp='kubectl get pods'");
    run(s, "greet() { echo \"hi $1, $GREETING\"; }");
    clock.advance(Duration.ofSeconds(65));
    run(s, "kubectl scale deployment details-v1 --replicas=2");
    run(s, "kubectl delete destinationrule ratings");
    assertThat(
            run(
                s,
                "kubectl delete pod $(kubectl get pods -l app=ratings"
                    + " -o jsonpath='{.items[0].metadata.name}')"))
        .contains("pod \"ratings-v1-");
    run(s, "kubectl label namespace default team=blue");
    run(s, "kubectl create deployment httpbin --image=docker.io/kennethreitz/httpbin");
    run(s, "istioctl install --set meshConfig.outboundTrafficPolicy.mode=REGISTRY_ONLY -y");
    clock.advance(Duration.ofSeconds(90));
    run(s, "cd /tmp/work");
    run(s, "false");
    s.terminals().open("T1").orElseThrow().append("$ kubectl get pods\nNAME  READY\n$ ");
    s.terminals().open("T2").orElseThrow().append("$ echo two\ntwo\n");
    s.userChanged();
    clock.advance(Duration.ofMinutes(3));
    return s;
  }

  private static final List<String> OBSERVED =
      List.of(
          "echo $?",
          "kubectl get all -A -o yaml",
          "kubectl get pods -A",
          "kubectl get virtualservices,destinationrules,gateways -A -o yaml",
          "kubectl get namespaces --show-labels",
          "kubectl get events -A",
          "kubectl get deployment httpbin -o yaml",
          "istioctl proxy-config routes $(kubectl get pods -l app=productpage"
              + " -o jsonpath='{.items[0].metadata.name}') -o json",
          "cat /root/my.yaml",
          "ls -l $ISTIO_HOME/samples/bookinfo/networking",
          "tail -n 2 $ISTIO_HOME/samples/bookinfo/networking/virtual-service-reviews-v3.yaml",
          "ls -l /tmp/work/notes",
          "pwd",
          "echo $GREETING $LOCAL_ONLY",
          "env",
          "alias",
          "kgp",
          "greet bob",
          "history");

  @Test
  void aRestoredSandboxAnswersEveryCommandAsTheOneItWasSavedFrom() {
    Sandbox original = learnerSandbox();
    byte[] saved = new SandboxStateCodec(CATALOG).encode(image(original));

    Sandbox restored = new SandboxStateCodec(LATER_CATALOG).restore(saved, mesh, clock);

    for (String command : OBSERVED) {
      String expected = run(original, command);
      assertThat(run(restored, command)).as(command).isEqualTo(expected);
    }
    assertThat(run(original, "echo $GREETING")).isEqualTo("exit 0\nhello\n");
    assertThat(run(original, "kubectl get pods")).contains("details-v1-").contains("httpbin-");
    assertThat(run(original, "kubectl get events -A")).contains("Created pod: ratings-v1-");
  }

  @Test
  void aRestoredSandboxHoldsTheSameKeysProgressTerminalsAndRoutes() {
    Sandbox original = learnerSandbox();
    SandboxImage before = image(original);
    byte[] saved = new SandboxStateCodec(CATALOG).encode(before);

    Sandbox restored = new SandboxStateCodec(LATER_CATALOG).restore(saved, mesh, clock);

    assertThat(restored.id()).isEqualTo(original.id());
    assertThat(restored.pageKey()).isEqualTo(original.pageKey());
    assertThat(restored.csrfToken()).isEqualTo(original.csrfToken());
    assertThat(restored.lessonId()).isEqualTo(LESSON);
    assertThat(restored.createdAt()).isEqualTo(original.createdAt());
    assertThat(restored.lastUsedAt()).isEqualTo(original.lastUsedAt());
    assertThat(restored.progress().passedSteps(LESSON)).containsExactly(1);
    assertThat(restored.progress().currentStep(LESSON)).isEqualTo(2);
    assertThat(restored.terminals().screens()).isEqualTo(original.terminals().screens());
    assertThat(restored.userGeneration()).isEqualTo(1);
    assertThat(restored.changeCount()).isEqualTo(original.changeCount()).isPositive();
    assertThat(restored.shell().ranCommands()).isEqualTo(original.shell().ranCommands());
    assertThat(restored.snapshot().outboundTrafficPolicy()).isEqualTo("REGISTRY_ONLY");
    for (String user : List.of("jason", "kim")) {
      RouteRequest request =
          new RouteRequest(
              "productpage-v1", "reviews", 9080, "GET", "/reviews/0", Map.of("end-user", user));
      assertThat(restored.snapshot().routes().resolve(request).destinations())
          .isEqualTo(original.snapshot().routes().resolve(request).destinations());
    }
    // saved again, the restored sandbox writes the very same bytes: nothing was lost or added
    assertThat(new String(new SandboxStateCodec(LATER_CATALOG).encode(image(restored))))
        .isEqualTo(new String(saved));
  }

  static List<String> lessons() {
    return CATALOG.lessons().stream().map(Lesson::id).toList();
  }

  /**
   * Every lesson's start, saved untouched by one server and restored by a server started later: the
   * start's objects, pods and events keep the times the first server gave them.
   */
  @ParameterizedTest
  @MethodSource("lessons")
  void everyLessonStartComesBackAsItWasOnTheServerThatSavedIt(String id) {
    Sandbox untouched = fresh(CATALOG.lesson(id).orElseThrow());
    clock.advance(Duration.ofMinutes(5));
    byte[] saved = new SandboxStateCodec(CATALOG).encode(image(untouched));

    Sandbox restored = new SandboxStateCodec(LATER_CATALOG).restore(saved, mesh, clock);

    for (String command :
        List.of(
            "kubectl get all,gateways,virtualservices,destinationrules -A -o yaml",
            "kubectl get pods -A",
            "kubectl get events -A",
            "ls -l")) {
      assertThat(run(restored, command)).as(id + ": " + command).isEqualTo(run(untouched, command));
    }
  }

  @Test
  void aSandboxLeftAtItsLessonStartSavesAlmostNothingOfItsCluster() {
    Sandbox untouched = fresh(CATALOG.lesson(LESSON).orElseThrow());
    byte[] saved = new SandboxStateCodec(CATALOG).encode(image(untouched));
    String json = new String(saved);
    assertThat(json).contains("\"objects\":[]").contains("\"deleted\":[]");
    Sandbox restored = new SandboxStateCodec(LATER_CATALOG).restore(saved, mesh, clock);
    assertThat(run(restored, "kubectl get gateway,destinationrules -o yaml"))
        .isEqualTo(run(untouched, "kubectl get gateway,destinationrules -o yaml"));
  }

  @Test
  void anEncoderThatKeepsLastStatesPartsWritesTheBytesOfAFreshOne() {
    SandboxStateCodec codec = new SandboxStateCodec(CATALOG);
    StateEncoder kept = codec.encoder();
    Lesson lesson = CATALOG.lesson(LESSON).orElseThrow();
    Sandbox s = fresh(lesson);
    String networking = "$ISTIO_HOME/samples/bookinfo/networking/";
    List<String> steps =
        List.of(
            "kubectl apply -f " + networking + "virtual-service-all-v1.yaml",
            "echo 'quotes \" and \\ and tabs\tand é ✓'",
            "kubectl apply -f " + networking + "virtual-service-reviews-50-v3.yaml",
            "echo changed > my.yaml",
            "export GREETING=hello",
            "kubectl get virtualservices",
            "kubectl delete -f " + networking + "virtual-service-all-v1.yaml");
    for (String step : steps) {
      run(s, step);
      SandboxImage now = image(s);
      assertThat(new String(kept.encode(now), StandardCharsets.UTF_8))
          .as(step)
          .isEqualTo(new String(codec.encode(now), StandardCharsets.UTF_8));
    }
    // past the history's length, where the oldest lines drop out of it
    for (int i = 0; i < ShellState.MAX_HISTORY + 20; i++) {
      run(s, "echo line " + i);
      if (i % 97 == 0) {
        kept.encode(image(s));
      }
    }
    SandboxImage last = image(s);
    byte[] bytes = kept.encode(last);
    assertThat(bytes).isEqualTo(codec.encode(last));
    assertThat(codec.decode(bytes).shell()).isEqualTo(last.shell());
  }
}
