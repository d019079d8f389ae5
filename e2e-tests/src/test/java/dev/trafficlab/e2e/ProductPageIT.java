package dev.trafficlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The learner's proof that a rule works: the stars on the product page, refreshed in the Product
 * page tab. Rules are set up through the API (the terminal is tested elsewhere); what is tested is
 * what the page shows.
 */
@LearnerTest
class ProductPageIT {

  @Test
  void beforeAnyVirtualServiceRefreshingShowsAllThreeStarVariantsAndAfterAllV1NeverAnyStars(
      Learner learner, Lab lab) {
    LessonPage page = learner.openStep(TrafficManagementLesson.ID, 1);
    String sandbox = page.sandboxId();
    ProductPageTab tab = page.productPage().show();

    // The lesson start has the gateway and the DestinationRules but no reviews VirtualService:
    // Envoy's default
    // route spreads requests over all reviews pods (round robin), so a few refreshes show v1, v2
    // and v3.
    List<Reviews> seen = new ArrayList<>();
    Set<String> stars = new HashSet<>();
    seen.add(tab.current());
    stars.add(seen.get(0).stars());
    for (int i = 0; i < 30 && stars.size() < 3; i++) {
      Reviews r = tab.refresh();
      seen.add(r);
      stars.add(r.stars());
    }
    assertThat(stars)
        .as("star colours over %d refreshes before any VirtualService: %s", seen.size(), seen)
        .containsExactlyInAnyOrder(Reviews.NONE, Reviews.BLACK, Reviews.RED);

    lab.api().applySample(sandbox, "virtual-service-all-v1.yaml");
    List<Reviews> afterV1 = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      afterV1.add(tab.refresh());
    }
    assertThat(afterV1)
        .as("after virtual-service-all-v1.yaml every refresh shows reviews v1 without stars")
        .allSatisfy(r -> assertThat(r).isEqualTo(new Reviews("v1", Reviews.NONE)));
  }

  @Test
  void jasonSignedInSeesBlackStarsOnEveryRefreshAndNoStarsAfterSigningOut(
      Learner learner, Lab lab) {
    LessonPage page = learner.openStep(TrafficManagementLesson.ID, 1);
    String sandbox = page.sandboxId();
    lab.api().applySample(sandbox, "virtual-service-all-v1.yaml");
    lab.api().applySample(sandbox, "virtual-service-reviews-test-v2.yaml");
    ProductPageTab tab = page.productPage().show();

    List<Reviews> asJason = new ArrayList<>();
    asJason.add(tab.signIn("jason"));
    for (int i = 0; i < 6; i++) {
      asJason.add(tab.refresh());
    }
    assertThat(asJason)
        .as("jason, under virtual-service-reviews-test-v2.yaml, on every refresh")
        .allSatisfy(r -> assertThat(r).isEqualTo(new Reviews("v2", Reviews.BLACK)));

    List<Reviews> signedOut = new ArrayList<>();
    signedOut.add(tab.signOut());
    for (int i = 0; i < 6; i++) {
      signedOut.add(tab.refresh());
    }
    assertThat(signedOut)
        .as("everyone else (signed out) on every refresh")
        .allSatisfy(r -> assertThat(r).isEqualTo(new Reviews("v1", Reviews.NONE)));
  }

  @Test
  void canaryFiftyFiftyShowsBothNoStarsAndRedStarsOverAHundredRefreshesAndTheTrafficTabAgrees(
      Learner learner, Lab lab) {
    LessonPage page = learner.openStep(TrafficManagementLesson.ID, 1);
    String sandbox = page.sandboxId();
    lab.api().applySample(sandbox, "virtual-service-all-v1.yaml");
    lab.api().applySample(sandbox, "virtual-service-reviews-50-v3.yaml");
    String url = page.productPage().show().url();

    List<String> versions = new ArrayList<>();
    Map<String, Integer> colours =
        new LinkedHashMap<>(Map.of(Reviews.NONE, 0, Reviews.BLACK, 0, Reviews.RED, 0));
    for (Reviews r : learner.reloadProductPage(url, 100)) {
      versions.add(r.version());
      colours.merge(r.stars(), 1, Integer::sum);
    }
    assertThat(colours.get(Reviews.BLACK))
        .as("black stars under a v1/v3 split: %s", colours)
        .isZero();
    assertThat(colours.get(Reviews.NONE) + colours.get(Reviews.RED))
        .as("pages with reviews: %s", colours)
        .isEqualTo(100);
    // Weighted random 50/50: 30..70 red of 100 fails with a probability of about 1 in 10,000.
    assertThat(colours.get(Reviews.RED))
        .as("red stars of 100 refreshes under the 50/50 rule")
        .isBetween(30, 70);

    TrafficTab traffic = learner.openStep(TrafficManagementLesson.ID, 1).traffic().show();
    // The tab counts the recent page views (its window may be shorter than 100): it must agree with
    // the newest
    // views we made, give or take the lesson page's own product page iframe loading once or twice
    // meanwhile.
    Map<String, Integer> shown =
        learner
            .browser()
            .waitFor(
                "the Traffic tab's counts to agree with the 100 views "
                    + "just made ("
                    + colours
                    + ")",
                Duration.ofSeconds(20),
                d -> {
                  Map<String, Integer> counts = traffic.counts();
                  return agrees(counts, versions) ? counts : null;
                });
    assertThat(shown.get("v2")).isLessThanOrEqualTo(2);
    // "Why this version?": a request that reached v3 names the reviews VirtualService that sent it
    // there.
    assertThat(traffic.recent())
        .as("the Traffic tab's recent requests")
        .anySatisfy(
            why -> {
              assertThat(why.version()).isEqualTo("v3");
              assertThat(why.virtualService()).contains("reviews");
            });
  }

  @Test
  void afterRoutingAllToV3EveryRefreshShowsRedStars(Learner learner, Lab lab) {
    LessonPage page = learner.openStep(TrafficManagementLesson.ID, 1);
    String sandbox = page.sandboxId();
    lab.api().applySample(sandbox, "virtual-service-all-v1.yaml");
    lab.api().applySample(sandbox, "virtual-service-reviews-v3.yaml");
    ProductPageTab tab = page.productPage().show();

    List<Reviews> seen = new ArrayList<>();
    seen.add(tab.current());
    for (int i = 0; i < 8; i++) {
      seen.add(tab.refresh());
    }
    assertThat(seen)
        .as("every refresh after virtual-service-reviews-v3.yaml")
        .allSatisfy(r -> assertThat(r).isEqualTo(new Reviews("v3", Reviews.RED)));
  }

  /**
   * The counts match the last {@code total} views made, within a small allowance for the iframe's
   * own views.
   */
  private static boolean agrees(Map<String, Integer> counts, List<String> versions) {
    int total = counts.values().stream().mapToInt(Integer::intValue).sum();
    if (total < 10) {
      return false;
    }
    List<String> window =
        versions.subList(
            Math.max(0, versions.size() - Math.min(total, versions.size())), versions.size());
    int slack = 3;
    for (String v : TrafficTab.VERSIONS) {
      long expected = window.stream().filter(v::equals).count();
      if (Math.abs(counts.get(v) - expected) > slack) {
        return false;
      }
    }
    return true;
  }
}
