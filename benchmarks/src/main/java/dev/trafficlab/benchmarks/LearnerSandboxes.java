package dev.trafficlab.benchmarks;

import dev.trafficlab.bookinfo.app.BookinfoMesh;
import dev.trafficlab.server.lessons.Lesson;
import dev.trafficlab.server.lessons.LessonCatalog;
import dev.trafficlab.server.sandbox.Sandbox;
import dev.trafficlab.server.sandbox.StartState;
import dev.trafficlab.terminal.ExecResult;
import dev.trafficlab.terminal.Shell;
import dev.trafficlab.terminal.commands.StandardCommands;
import dev.trafficlab.terminal.files.SandboxFiles;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;

/**
 * Two typical sandboxes, made by running a learner's commands through the real shell against the
 * real data plane, each line and its output written to the first terminal's scrollback as the
 * browser terminal writes them: after the request-routing lesson (traffic-management, intro to step
 * 5, every check passed) and after istio.io 1.8's circuit-breaking task (httpbin and fortio
 * applied, the DestinationRule, two fortio loads, the proxy's stats and endpoints).
 */
final class LearnerSandboxes implements AutoCloseable {
  static final String LESSON = "traffic-management";

  static final List<String> REQUEST_ROUTING =
      List.of(
          "kubectl get pods",
          "kubectl apply -f $ISTIO_HOME/samples/bookinfo/networking/virtual-service-all-v1.yaml",
          "kubectl apply -f"
              + " $ISTIO_HOME/samples/bookinfo/networking/virtual-service-reviews-test-v2.yaml",
          "kubectl apply -f $ISTIO_HOME/samples/bookinfo/networking/virtual-service-reviews-50-v3.yaml",
          "kubectl apply -f $ISTIO_HOME/samples/bookinfo/networking/virtual-service-reviews-v3.yaml",
          "kubectl get virtualservices",
          "kubectl get destinationrules -o yaml",
          "istioctl proxy-status",
          "istioctl proxy-config route $(kubectl get pods -l app=productpage"
              + " -o jsonpath='{.items[*].metadata.name}').default");

  static final List<String> CIRCUIT_BREAKING =
      List.of(
          "kubectl apply -f $ISTIO_HOME/samples/httpbin/httpbin.yaml",
          "kubectl apply -f $ISTIO_HOME/samples/httpbin/sample-client/fortio-deploy.yaml",
          "sleep 3",
          """
          kubectl apply -f - <<EOF
          apiVersion: networking.istio.io/v1alpha3
          kind: DestinationRule
          metadata:
            name: httpbin
          spec:
            host: httpbin
            trafficPolicy:
              connectionPool:
                tcp:
                  maxConnections: 1
                http:
                  http1MaxPendingRequests: 1
                  maxRequestsPerConnection: 1
              outlierDetection:
                consecutiveErrors: 1
                interval: 1s
                baseEjectionTime: 3m
                maxEjectionPercent: 100
          EOF""",
          "kubectl get destinationrule httpbin -o yaml",
          "export FORTIO_POD=$(kubectl get pods -l app=fortio -o 'jsonpath={.items[0].metadata.name}')",
          "kubectl exec \"$FORTIO_POD\" -c fortio -- /usr/bin/fortio curl -quiet http://httpbin:8000/get",
          "kubectl exec \"$FORTIO_POD\" -c fortio -- /usr/bin/fortio load -c 2 -qps 0 -n 20"
              + " -loglevel Warning http://httpbin:8000/get",
          "kubectl exec \"$FORTIO_POD\" -c fortio -- /usr/bin/fortio load -c 3 -qps 0 -n 30"
              + " -loglevel Warning http://httpbin:8000/get",
          "kubectl exec \"$FORTIO_POD\" -c istio-proxy -- pilot-agent request GET stats"
              + " | grep httpbin | grep pending",
          "istioctl proxy-config endpoint \"$FORTIO_POD\" --cluster"
              + " 'outbound|8000||httpbin.default.svc.cluster.local'");

  final Vertx vertx = Vertx.vertx();
  final BookinfoMesh mesh = BookinfoMesh.start(vertx).await();
  final LessonCatalog lessons = LessonCatalog.fromClasspath();
  final Clock clock = Clock.systemUTC();
  private final Shell shell = new Shell(StandardCommands.all(), vertx, clock);

  /** A sandbox of the traffic-management lesson after these command lines. */
  Sandbox after(List<String> lines, boolean passChecks) {
    Lesson lesson = lessons.lesson(LESSON).orElseThrow();
    Sandbox s =
        new Sandbox(
            "b".repeat(24),
            "p".repeat(24),
            "c".repeat(24),
            lesson.id(),
            StartState.LESSON,
            lesson.start(),
            SandboxFiles.over(lesson.assets(), clock),
            mesh,
            clock);
    var screen = s.terminals().open("T1").orElseThrow();
    for (String line : lines) {
      screen.append("root@controlplane:~# " + line + "\n");
      ExecResult r = s.serially(() -> shell.exec(s, line)).await();
      screen.append(r.output());
    }
    if (passChecks) {
      for (var step : lesson.steps().subList(0, 5)) {
        s.serially(() -> s.check(lesson.id(), step)).await();
        s.progress().setCurrentStep(lesson.id(), step.number());
      }
    }
    return s;
  }

  @Override
  public void close() {
    mesh.close().await();
    vertx.close().await();
  }
}
