package dev.trafficlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.e2e.LabApi.Resource;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each browser has its own sandbox, and Reset takes it back to the lesson start. */
@LearnerTest
class SandboxIT {
  private static final String EDITED =
      TrafficManagementLesson.NETWORKING + "virtual-service-reviews-v3.yaml";

  @Test
  void resetRestoresTheLessonStartKeepingTheLearnersPlaceInTheLesson(Learner learner, Lab lab)
      throws Exception {
    LessonPage page = learner.openStep(TrafficManagementLesson.ID, 2);
    String sandbox = page.sandboxId();
    Set<Resource> lessonStart =
        Set.of(
            new Resource("Gateway", "default", "bookinfo-gateway"),
            new Resource("VirtualService", "default", "bookinfo"),
            new Resource("DestinationRule", "default", "productpage"),
            new Resource("DestinationRule", "default", "reviews"),
            new Resource("DestinationRule", "default", "ratings"),
            new Resource("DestinationRule", "default", "details"));
    assertThat(istioResources(lab, sandbox))
        .as("a new browser's sandbox starts at the lesson start")
        .isEqualTo(lessonStart);

    lab.api().applySample(sandbox, "virtual-service-all-v1.yaml");
    lab.api().applySample(sandbox, "virtual-service-reviews-test-v2.yaml");
    lab.api().exec(sandbox, "kubectl delete destinationrule ratings").requireSuccess();
    lab.api().exec(sandbox, "echo '# edited by the learner' >> " + EDITED).requireSuccess();
    assertThat(istioResources(lab, sandbox)).isNotEqualTo(lessonStart);

    page.reset();
    learner
        .browser()
        .waitFor(
            "the sandbox to be back at the lesson start after Reset",
            Duration.ofSeconds(15),
            d -> istioResources(lab, sandbox).equals(lessonStart));

    String file = lab.api().exec(sandbox, "cat " + EDITED).requireSuccess().output();
    assertThat(file.strip())
        .as("the edited sample file after Reset")
        .isEqualTo(Files.readString(lab.sample("virtual-service-reviews-v3.yaml")).strip());

    LessonPage after = LessonPage.on(learner.browser(), lab);
    assertThat(after.sandboxId()).as("Reset keeps the same sandbox").isEqualTo(sandbox);
    assertThat(after.progressNumbers()[0]).as("Reset keeps the learner on their step").isEqualTo(2);
    TermEntry vs = after.terminal().run("kubectl get virtualservices");
    assertThat(vs.result()).contains("bookinfo").doesNotContain("reviews");
  }

  @Test
  void twoBrowsersGetIsolatedSandboxesAndJasonsRuleInOneDoesNotChangeTheOther(
      Learner alice, Lab lab) {
    LessonPage alicePage = alice.openStep(TrafficManagementLesson.ID, 2);
    Learner bob = alice.inAnotherBrowser();
    LessonPage bobPage = bob.openStep(TrafficManagementLesson.ID, 2);
    assertThat(alicePage.sandboxId())
        .as("each browser gets a sandbox of its own")
        .isNotEqualTo(bobPage.sandboxId());
    assertThat(alicePage.productPage().url()).isNotEqualTo(bobPage.productPage().url());

    TermEntry applied =
        alicePage
            .terminal()
            .run(
                "kubectl apply -f $ISTIO_HOME/samples/bookinfo/networking/virtual-service-reviews-test-v2.yaml");
    assertThat(applied.exitCode()).as(applied.toString()).isEqualTo("0");

    ProductPageTab aliceTab = alicePage.productPage().show();
    List<Reviews> aliceSees = new ArrayList<>(List.of(aliceTab.signIn("jason")));
    for (int i = 0; i < 3; i++) {
      aliceSees.add(aliceTab.refresh());
    }
    assertThat(aliceSees)
        .as("jason in the browser that applied the rule")
        .allSatisfy(r -> assertThat(r).isEqualTo(new Reviews("v2", Reviews.BLACK)));

    // Bob's sandbox has no reviews rule: jason there is routed round robin over all three versions,
    // like anyone.
    ProductPageTab bobTab = bobPage.productPage().show();
    Set<String> bobStars = new HashSet<>(Set.of(bobTab.signIn("jason").stars()));
    for (int i = 0; i < 12 && bobStars.size() < 3; i++) {
      bobStars.add(bobTab.refresh().stars());
    }
    assertThat(bobStars)
        .as("star colours jason sees in the other browser's sandbox")
        .containsExactlyInAnyOrder(Reviews.NONE, Reviews.BLACK, Reviews.RED);
    TermEntry bobVs = bobPage.terminal().run("kubectl get virtualservices");
    assertThat(bobVs.result())
        .as("the other sandbox's VirtualServices")
        .contains("bookinfo")
        .doesNotContain("reviews");
  }

  private static Set<Resource> istioResources(Lab lab, String sandbox) {
    Set<Resource> istio = new HashSet<>();
    for (Resource r : lab.api().resources(sandbox)) {
      if (Set.of("VirtualService", "DestinationRule", "Gateway", "ServiceEntry")
          .contains(r.kind())) {
        istio.add(r);
      }
    }
    return istio;
  }
}
