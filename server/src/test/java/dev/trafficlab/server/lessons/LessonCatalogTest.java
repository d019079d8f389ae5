package dev.trafficlab.server.lessons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trafficlab.server.lessons.checks.CommandCheck;
import dev.trafficlab.server.lessons.checks.DefaultRoutingCheck;
import dev.trafficlab.server.lessons.checks.RoutingCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LessonCatalogTest {
  private static final Pattern EXECUTE =
      Pattern.compile("class=\"execute\" data-command=\"([^\"]*)\"");
  private final LessonCatalog catalog = LessonCatalog.fromClasspath();

  @Test
  void trafficManagementLessonLoadsFromTheClasspathWithSixCheckedSteps() {
    Lesson lesson = catalog.lesson("traffic-management").orElseThrow();
    assertThat(lesson.title()).isNotBlank();
    assertThat(lesson.description()).isNotBlank();
    assertThat(lesson.steps())
        .extracting(LessonStep::title)
        .containsExactly(
            "Route all traffic to v1",
            "Route by user identity",
            "Canary: half the traffic to v3",
            "Finish the rollout: all traffic to v3",
            "List the routes",
            "Clean up");
    assertThat(lesson.steps())
        .extracting(s -> (Object) s.check().getClass())
        .containsExactly(
            RoutingCheck.class,
            RoutingCheck.class,
            RoutingCheck.class,
            RoutingCheck.class,
            CommandCheck.class,
            DefaultRoutingCheck.class);
    assertThat(lesson.intro().html()).isNotBlank();
    assertThat(lesson.finish().html()).isNotBlank();
  }

  @Test
  void lessonStartIsDeclaredAsDataAndCompiledOnce() {
    Lesson lesson = catalog.lesson("traffic-management").orElseThrow();
    assertThat(lesson.startFiles())
        .containsExactly(
            "/root/istio-1.8.1/samples/bookinfo/networking/bookinfo-gateway.yaml",
            "/root/istio-1.8.1/samples/bookinfo/networking/destination-rule-all.yaml");
    assertThat(lesson.start().objects().values())
        .extracting(r -> r.kind().kind() + "/" + r.name())
        .containsExactlyInAnyOrder(
            "Gateway/bookinfo-gateway",
            "VirtualService/bookinfo",
            "DestinationRule/productpage",
            "DestinationRule/reviews",
            "DestinationRule/ratings",
            "DestinationRule/details");
    assertThat(lesson.start().objects().values())
        .allSatisfy(
            r -> {
              assertThat(r.meta().creationTimestamp()).isNotNull();
              assertThat(r.meta().uid()).isNotBlank();
            });
  }

  @Test
  void startEntriesAreSandboxPaths() {
    String gateway = "/root/istio-1.8.1/samples/bookinfo/networking/bookinfo-gateway.yaml";
    assertThat(
            LessonFolder.sandboxPath(
                "istio-1.8.1/samples/bookinfo/networking/bookinfo-gateway.yaml"))
        .isEqualTo(gateway);
    assertThat(LessonFolder.sandboxPath(gateway)).isEqualTo(gateway);
    assertThat(
            LessonFolder.sandboxPath(
                "$ISTIO_HOME/samples/bookinfo/networking/bookinfo-gateway.yaml"))
        .isEqualTo(gateway);
    assertThat(
            LessonFolder.sandboxPath(
                "${ISTIO_HOME}/samples/bookinfo/networking/bookinfo-gateway.yaml"))
        .isEqualTo(gateway);
  }

  @Test
  void aLessonSeesTheSharedAssetsAndItsOwnWhichWin(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("assets/shared"));
    Files.writeString(dir.resolve("assets/shared/a.yaml"), "shared a");
    Files.writeString(dir.resolve("assets/shared/b.yaml"), "shared b");
    Path own = Files.createDirectories(dir.resolve("mine/assets/shared"));
    Files.writeString(own.resolve("b.yaml"), "own b");
    Files.writeString(dir.resolve("mine/index.json"), "{\"title\":\"Mine\"}");
    Files.createDirectories(dir.resolve("other"));
    Files.writeString(dir.resolve("other/index.json"), "{\"title\":\"Other\"}");
    LessonCatalog two = LessonCatalog.fromDirectory(dir);
    Lesson mine = two.lesson("mine").orElseThrow();
    assertThat(mine.assets().file("/root/shared/a.yaml")).contains("shared a");
    assertThat(mine.assets().file("/root/shared/b.yaml")).contains("own b");
    assertThat(two.lesson("other").orElseThrow().assets().file("/root/shared/b.yaml"))
        .contains("shared b");
    Files.createDirectories(dir.resolve("third"));
    Files.writeString(dir.resolve("third/index.json"), "{\"title\":\"Third\"}");
    LessonCatalog three = LessonCatalog.fromDirectory(dir);
    // Lessons with no files of their own share one tree, read once.
    assertThat(three.lesson("third").orElseThrow().assets())
        .isSameAs(three.lesson("other").orElseThrow().assets());
    assertThat(mine.start().objects()).isEmpty();
    assertThat(two.lessons()).extracting(Lesson::id).containsExactly("mine", "other");
  }

  @Test
  void aStartFileThatIsNotAmongTheLessonFilesStopsLoading(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("l"));
    Files.writeString(
        dir.resolve("l/index.json"), "{\"title\":\"T\",\"start\":{\"apply\":[\"missing.yaml\"]}}");
    assertThatThrownBy(() -> LessonCatalog.fromDirectory(dir))
        .hasMessageContaining("index.json")
        .hasMessageContaining("/root/missing.yaml");
  }

  @Test
  void theAssetsFolderIsNotALesson() {
    assertThat(catalog.lessons())
        .extracting(Lesson::id)
        .doesNotContain("assets")
        .contains("traffic-management");
  }

  @Test
  void eachStepRunsItsOwnSampleFileWithTheIstio181Paths() {
    Lesson lesson = catalog.lesson("traffic-management").orElseThrow();
    assertThat(commands(lesson.step(1).orElseThrow()))
        .containsExactly(
            "kubectl apply -f $ISTIO_HOME/samples/bookinfo/networking/virtual-service-all-v1.yaml");
    assertThat(commands(lesson.step(2).orElseThrow()))
        .containsExactly(
            "kubectl apply -f $ISTIO_HOME/samples/bookinfo/networking/virtual-service-reviews-test-v2.yaml");
    assertThat(commands(lesson.step(3).orElseThrow()))
        .containsExactly(
            "kubectl apply -f $ISTIO_HOME/samples/bookinfo/networking/virtual-service-reviews-50-v3.yaml");
    assertThat(commands(lesson.step(4).orElseThrow()))
        .containsExactly(
            "kubectl apply -f $ISTIO_HOME/samples/bookinfo/networking/virtual-service-reviews-v3.yaml");
    assertThat(commands(lesson.step(5).orElseThrow()))
        .containsExactly(
            "kubectl get virtualservices",
            "kubectl get destinationrules -o yaml",
            "istioctl proxy-status",
            "istioctl proxy-config route $(kubectl get pods -l app=productpage -o jsonpath='{.items[*].metadata.name}')"
                + ".default");
    assertThat(commands(lesson.step(6).orElseThrow()))
        .containsExactly(
            "kubectl delete -f $ISTIO_HOME/samples/bookinfo/networking/virtual-service-all-v1.yaml",
            "$ISTIO_HOME/samples/bookinfo/platform/kube/cleanup.sh");
  }

  @Test
  void everyStepLinksTheProductPageThroughTheSandboxPlaceholder() {
    for (LessonStep step : catalog.lesson("traffic-management").orElseThrow().steps()) {
      if (step.number() == 5) {
        continue; // listing routes does not need the page
      }
      assertThat(step.html())
          .as("step %d", step.number())
          .contains("https://productpage.trafficlab.invalid/productpage")
          .doesNotContain("[[");
    }
  }

  @Test
  void everyOpenLinkOfEveryLessonNamesAPackagedFile() {
    Pattern open = Pattern.compile("class=\"open-file\" data-path=\"/root/([^\"]*)\"");
    int links = 0;
    for (Lesson lesson : catalog.lessons()) {
      java.util.List<String> pages =
          new java.util.ArrayList<>(
              java.util.List.of(lesson.intro().html(), lesson.finish().html()));
      lesson.steps().forEach(s -> pages.add(s.html()));
      for (String html : pages) {
        Matcher m = open.matcher(html);
        while (m.find()) {
          links++;
          assertThat(lesson.assets().file("/root/" + m.group(1))).as(m.group(1)).isPresent();
        }
      }
    }
    assertThat(links).isGreaterThanOrEqualTo(6);
  }

  @Test
  void stepFiveCheckAcceptsTheListingButNotAGetByName() {
    CommandCheck check =
        (CommandCheck)
            catalog.lesson("traffic-management").orElseThrow().step(5).orElseThrow().check();
    var listing = check.commands().get(0).pattern();
    assertThat(listing.matcher("kubectl get virtualservices").find()).isTrue();
    assertThat(listing.matcher("kubectl get vs -o yaml").find()).isTrue();
    assertThat(listing.matcher("  kubectl get virtualservice -n default").find()).isTrue();
    assertThat(listing.matcher("kubectl get virtualservice reviews -o yaml").find()).isFalse();
    assertThat(listing.matcher("kubectl get destinationrules").find()).isFalse();
    var routes = check.commands().get(1).pattern();
    assertThat(routes.matcher("istioctl proxy-config route productpage-v1-x.default").find())
        .isTrue();
    assertThat(routes.matcher("istioctl pc routes productpage-v1-x").find()).isTrue();
    assertThat(routes.matcher("istioctl proxy-config cluster productpage-v1-x").find()).isFalse();
  }

  @Test
  void aBrokenIndexStopsLoadingWithAMessageNamingTheFile(@TempDir Path dir) throws IOException {
    Path lesson = Files.createDirectories(dir.resolve("broken"));
    Files.writeString(lesson.resolve("index.json"), "{\"title\": \"x\", ");
    assertThatThrownBy(() -> LessonCatalog.fromDirectory(dir))
        .hasMessageContaining("index.json")
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void anUnknownCheckTypeIsRejectedAtLoad(@TempDir Path dir) throws IOException {
    Path lesson = Files.createDirectories(dir.resolve("l"));
    Files.writeString(lesson.resolve("s.md"), "text");
    Files.writeString(
        lesson.resolve("index.json"),
        "{\"title\":\"T\",\"details\":{\"steps\":[{\"title\":\"S\",\"text\":\"s.md\",\"check\":{\"type\":\"magic\"}}]}}");
    assertThatThrownBy(() -> LessonCatalog.fromDirectory(dir))
        .hasMessageContaining("step 1")
        .hasMessageContaining("unknown check type \"magic\"");
  }

  @Test
  void aStepFileOutsideTheLessonFolderIsRefused(@TempDir Path dir) throws IOException {
    Path lesson = Files.createDirectories(dir.resolve("l"));
    Files.writeString(dir.resolve("secret.md"), "no");
    Files.writeString(
        lesson.resolve("index.json"),
        "{\"title\":\"T\",\"details\":{\"steps\":[{\"title\":\"S\",\"text\":\"../secret.md\"}]}}");
    assertThatThrownBy(() -> LessonCatalog.fromDirectory(dir)).hasMessageContaining("outside");
  }

  static java.util.List<String> commands(LessonStep step) {
    java.util.List<String> out = new java.util.ArrayList<>();
    Matcher m = EXECUTE.matcher(step.html());
    while (m.find()) {
      out.add(
          m.group(1)
              .replace("&quot;", "\"")
              .replace("&#39;", "'")
              .replace("&lt;", "<")
              .replace("&gt;", ">")
              .replace("&amp;", "&"));
    }
    return out;
  }
}
