package dev.trafficlab.mesh.analysis;

import static dev.trafficlab.mesh.routing.Mesh.dest;
import static dev.trafficlab.mesh.routing.Mesh.endUser;
import static dev.trafficlab.mesh.routing.Mesh.rule;
import static dev.trafficlab.mesh.routing.Mesh.ruleBuilder;
import static dev.trafficlab.mesh.routing.Mesh.vsSpec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.mesh.routing.Mesh;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalyzerTest {

  @Test
  void cleanLessonStartReportsNoIssuesForTheNamespace() {
    AnalysisResult r =
        Analyzer.analyze(
            Mesh.bookinfo().destinationRuleAll().bookinfoGateway().snapshot(), "default", false);
    assertThat(r.messages()).isEmpty();
    assertThat(r.exitCode()).isZero();
    assertThat(r.output())
        .isEqualTo("\u2714 No validation issues found when analyzing namespace: default.\n");
  }

  @Test
  void noIssuesLineNamesAllNamespacesWithTheFlag() {
    AnalysisResult r = Analyzer.analyze(Mesh.bookinfo().snapshot(), "default", true);
    assertThat(r.output())
        .isEqualTo("\u2714 No validation issues found when analyzing all namespaces.\n");
  }

  @Test
  void missingSubsetIsIst0101WithHostPlusSubset() {
    AnalysisResult r =
        Analyzer.analyze(
            Mesh.bookinfo()
                .destinationRuleAll()
                .vs("reviews", vsSpec("reviews", rule(dest("reviews", "v4"))))
                .snapshot(),
            "default",
            false);
    assertThat(r.output())
        .isEqualTo(
            "Error [IST0101] (VirtualService reviews.default) Referenced host+subset in destinationrule not found: "
                + "\"reviews+v4\"\n"
                + "Error: Analyzers found issues when analyzing namespace: default.\n"
                + "See https://istio.io/v1.8/docs/reference/config/analysis for more information about causes and "
                + "resolutions.\n");
    assertThat(r.exitCode()).isEqualTo(79);
  }

  @Test
  void allV1WithoutDestinationRulesReportsEverySubsetSorted() {
    Mesh m = Mesh.bookinfo();
    for (String s : List.of("productpage", "reviews", "ratings", "details")) {
      m.vs(s, vsSpec(s, rule(dest(s, "v1"))));
    }
    AnalysisResult r = Analyzer.analyze(m.snapshot(), "default", false);
    assertThat(r.messages())
        .extracting(AnalysisMessage::format)
        .containsExactly(
            "Error [IST0101] (VirtualService details.default) Referenced host+subset in destinationrule not found: "
                + "\"details+v1\"",
            "Error [IST0101] (VirtualService productpage.default) Referenced host+subset in destinationrule not found: "
                + "\"productpage+v1\"",
            "Error [IST0101] (VirtualService ratings.default) Referenced host+subset in destinationrule not found: "
                + "\"ratings+v1\"",
            "Error [IST0101] (VirtualService reviews.default) Referenced host+subset in destinationrule not found: "
                + "\"reviews+v1\"");
  }

  @Test
  void unknownHostMirrorAndGatewayAreIst0101() {
    AnalysisResult r =
        Analyzer.analyze(
            Mesh.bookinfo()
                .destinationRuleAll()
                .vs(
                    "reviews",
                    Mesh.gatewayVs(
                        List.of("reviews"),
                        List.of("mesh", "bogus-gateway"),
                        ruleBuilder()
                            .mirror("reviews", "v9", null, null)
                            .route(dest("reviews.default", null))
                            .build()))
                .snapshot(),
            "default",
            false);
    assertThat(r.messages())
        .extracting(AnalysisMessage::text)
        .containsExactlyInAnyOrder(
            "Referenced gateway not found: \"bogus-gateway\"",
            "Referenced host not found: \"reviews.default\"",
            "Referenced mirror+subset in destinationrule not found: \"reviews+v9\"");
    assertThat(r.messages())
        .extracting(AnalysisMessage::text)
        .containsExactly(
            "Referenced gateway not found: \"bogus-gateway\"",
            "Referenced host not found: \"reviews.default\"",
            "Referenced mirror+subset in destinationrule not found: \"reviews+v9\"");
  }

  @Test
  void twoMeshVirtualServicesForOneHostAreIst0109OnEach() {
    AnalysisResult r =
        Analyzer.analyze(
            Mesh.bookinfo()
                .destinationRuleAll()
                .vs("reviews", vsSpec("reviews", rule(dest("reviews", "v1"))))
                .vs(
                    "reviews-jason",
                    vsSpec("reviews", rule(List.of(endUser("jason")), dest("reviews", "v2"))))
                .snapshot(),
            "default",
            false);
    String text =
        "The VirtualServices default/reviews,default/reviews-jason associated with mesh gateway define the "
            + "same host */reviews.default.svc.cluster.local which can lead to undefined behavior. This can be fixed by "
            + "merging the conflicting VirtualServices into a single resource.";
    assertThat(r.messages())
        .extracting(AnalysisMessage::format)
        .containsExactly(
            "Error [IST0109] (VirtualService reviews-jason.default) " + text,
            "Error [IST0109] (VirtualService reviews.default) " + text);
  }

  @Test
  void ruleAfterACatchAllIsIst0130Warning() {
    AnalysisResult r =
        Analyzer.analyze(
            Mesh.bookinfo()
                .destinationRuleAll()
                .vs(
                    "details",
                    vsSpec(
                        "details",
                        ruleBuilder().abort(555, 100.0).route(dest("details", "v1")).build(),
                        rule(dest("details", "v1"))))
                .snapshot(),
            "default",
            false);
    assertThat(r.output())
        .isEqualTo(
            "Warning [IST0130] (VirtualService details.default) VirtualService rule #1 not used (only the last rule can "
                + "have no matches).\n"
                + "Error: Analyzers found issues when analyzing namespace: default.\n"
                + "See https://istio.io/v1.8/docs/reference/config/analysis for more information about causes and "
                + "resolutions.\n");
  }

  @Test
  void duplicateMatchIsIst0131InfoAndAloneDoesNotFail() {
    AnalysisResult r =
        Analyzer.analyze(
            Mesh.bookinfo()
                .destinationRuleAll()
                .vs(
                    "reviews",
                    vsSpec(
                        "reviews",
                        ruleBuilder().match(endUser("jason")).route(dest("reviews", "v2")).build(),
                        ruleBuilder()
                            .match(endUser("jason"), endUser("bob"))
                            .route(dest("reviews", "v3"))
                            .build(),
                        rule(dest("reviews", "v1"))))
                .snapshot(),
            "default",
            false);
    assertThat(r.output())
        .isEqualTo(
            "Info [IST0131] (VirtualService reviews.default) VirtualService rule #1 match "
                + "#0 is not used (duplicates a match in rule #0).\n");
    assertThat(r.exitCode()).isZero();
  }

  @Test
  void errorsSortBeforeWarningsAndOtherNamespacesAreLeftOutUnlessAll() {
    Mesh m =
        Mesh.bookinfo()
            .destinationRuleAll()
            .namespace("foo")
            .vs(
                "details",
                vsSpec("details", rule(dest("details", "v1")), rule(dest("details", "v1"))))
            .vs("reviews", vsSpec("reviews", rule(dest("reviews", "v7"))))
            .vs("foo", "ratings", vsSpec("ratings", rule(dest("ratings", "v1"))));
    AnalysisResult ns = Analyzer.analyze(m.snapshot(), "default", false);
    assertThat(ns.messages())
        .extracting(AnalysisMessage::code)
        .containsExactly("IST0101", "IST0130");
    AnalysisResult all = Analyzer.analyze(m.snapshot(), "default", true);
    assertThat(all.messages())
        .extracting(AnalysisMessage::format)
        .containsExactly(
            "Error [IST0101] (VirtualService ratings.foo) Referenced host not found: \"ratings\"",
            "Error [IST0101] (VirtualService ratings.foo) Referenced host+subset in destinationrule not found: "
                + "\"ratings+v1\"",
            "Error [IST0101] (VirtualService reviews.default) Referenced host+subset in destinationrule not found: "
                + "\"reviews+v7\"",
            "Warning [IST0130] (VirtualService details.default) VirtualService rule #1 not used (only the last rule can "
                + "have no matches).");
    assertThat(all.output())
        .contains("Error: Analyzers found issues when analyzing all namespaces.\n");
  }

  @Test
  void resourcesReadFromFilesNameTheFileAndLine() {
    AnalysisResult r =
        Analyzer.analyze(
            Mesh.bookinfo()
                .vs("reviews", vsSpec("reviews", rule(dest("reviews", "v4"))))
                .snapshot(),
            "default",
            false,
            java.util.Map.of(
                new dev.trafficlab.mesh.model.ResourceKey(
                    dev.trafficlab.mesh.model.ResourceKind.VIRTUAL_SERVICE, "default", "reviews"),
                new SourceFile("my-vs.yaml", 1)));
    assertThat(r.messages())
        .extracting(AnalysisMessage::format)
        .containsExactly(
            "Error [IST0101] (VirtualService reviews.default my-vs.yaml:1) Referenced host+subset in destinationrule not "
                + "found: \"reviews+v4\"");
  }
}
