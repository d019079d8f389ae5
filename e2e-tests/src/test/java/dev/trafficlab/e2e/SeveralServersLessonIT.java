package dev.trafficlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.e2e.LessonSource.Lesson;
import dev.trafficlab.e2e.LessonSource.Page;
import dev.trafficlab.server.testing.LoadBalancer;
import dev.trafficlab.server.testing.RedisServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The deployment of docs/deployment.md in a browser: two real server jars sharing one real
 * redis-server (REDIS_URL), behind a real nginx sending requests to them in turn. A learner walks
 * the first lesson's first steps; the page, the terminal and the Check land on either server and
 * the learner sees one sandbox.
 */
class SeveralServersLessonIT {
  private static final int STEPS = 2;
  private static RedisServer redis;
  private static final List<LabServer> servers = new ArrayList<>();
  private static LoadBalancer nginx;
  private static Lab lab;
  private static Browser browser;

  @BeforeAll
  static void start() {
    Chromium.requireInstalled();
    redis = RedisServer.start();
    Path jar =
        Path.of(System.getProperty("trafficlab.jar", "../server/target/traffic-lab.jar"))
            .toAbsolutePath()
            .normalize();
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      LabServer server =
          LabServer.start(
              jar,
              Path.of("target/e2e-shared-" + i, "server.log"),
              Map.of("REDIS_URL", redis.url(), "TRUST_PROXY", "true"));
      servers.add(server);
      ports.add(server.base().getPort());
    }
    nginx = LoadBalancer.roundRobin(ports);
    URI front = URI.create(nginx.base());
    Path scenarios =
        Path.of(System.getProperty("trafficlab.scenarios", "../scenarios"))
            .toAbsolutePath()
            .normalize();
    lab = new Lab(servers.get(0), new LabApi(front), scenarios, front);
    browser = Chromium.start("several-servers");
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (nginx != null) {
      nginx.close();
    }
    servers.forEach(LabServer::close);
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void aLearnerWalksTheFirstStepsWhileRequestsAlternateBetweenServers() {
    Lesson source = LessonSource.read(lab.scenarios().resolve(TrafficManagementLesson.ID));
    Learner learner =
        new Learner(
            lab,
            browser,
            () -> {
              throw new IllegalStateException("one browser here");
            });
    LessonPage page = learner.openStep(TrafficManagementLesson.ID, 1);
    String sandbox = page.sandboxId();
    Terminal terminal = page.terminal();
    int walked = 0;
    for (Page step : source.steps()) {
      if (walked == STEPS) {
        break;
      }
      if (walked > 0) {
        page = page.next();
      }
      walked++;
      assertThat(page.progressNumbers()[0]).isEqualTo(step.step());
      for (int i = 0; i < page.executeButtons().size(); i++) {
        String command = page.executeButtons().get(i).getDomAttribute("data-command");
        TermEntry entry = terminal.click(page.executeButtons().get(i));
        assertThat(entry.exitCode())
            .as("%s: `%s` exits 0:%n%s", step.name(), command, entry.result())
            .isEqualTo("0");
        for (Pattern expected : TrafficManagementLesson.expectedOutput(command)) {
          assertThat(entry.result()).as("the output of `%s`", command).containsPattern(expected);
        }
      }
      if (!step.commands().isEmpty()) {
        CheckResult check = page.check();
        assertThat(check.passed()).as("%s: Check says %s", step.name(), check.message()).isTrue();
      }
    }
    assertThat(walked).isEqualTo(STEPS);
    assertThat(page.sandboxId()).as("one sandbox all along").isEqualTo(sandbox);
    // Both servers answered this learner's requests.
    List<String> upstreams =
        nginx.accessLog().stream()
            .filter(line -> line.contains("/lessons/") || line.contains("/api/sandboxes/"))
            .map(line -> line.substring(0, line.indexOf(' ')))
            .distinct()
            .toList();
    assertThat(upstreams).hasSize(2);
  }
}
