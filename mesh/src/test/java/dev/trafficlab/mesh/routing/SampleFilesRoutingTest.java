package dev.trafficlab.mesh.routing;

import static dev.trafficlab.mesh.routing.Requests.get;
import static dev.trafficlab.mesh.routing.Requests.ratingsFrom;
import static dev.trafficlab.mesh.routing.Requests.reviews;
import static dev.trafficlab.mesh.routing.Requests.subsetOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.mesh.testing.BookinfoSamples;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The lesson's sample files, read by the real YAML reader and decoder, route as the Istio tasks
 * describe.
 */
class SampleFilesRoutingTest {

  private static Mesh lessonStart() {
    Mesh m = Mesh.bookinfo();
    SampleFiles.load(m, "bookinfo-gateway.yaml");
    return SampleFiles.load(m, "destination-rule-all.yaml");
  }

  private static RouteTable with(String... files) {
    Mesh m = lessonStart();
    for (String f : files) {
      SampleFiles.load(m, f);
    }
    return m.table();
  }

  @Test
  void all21NetworkingFilesArePresent() throws Exception {
    try (var s = Files.list(BookinfoSamples.networkingDir())) {
      assertThat(s.filter(p -> p.toString().endsWith(".yaml")).count()).isEqualTo(21);
    }
  }

  @Test
  void lessonStartRoutesTheIngressToProductpageAndReviewsRoundRobinOverAllPods() {
    RouteTable t = with();
    Decision ingress =
        t.resolve(
            new RouteRequest(
                "istio-ingressgateway",
                "localhost:8080",
                null,
                "GET",
                "/productpage?u=normal",
                Map.of()));
    assertThat(ingress.virtualService()).isEqualTo("bookinfo.default");
    assertThat(ingress.match()).isZero();
    assertThat(ingress.destinations().get(0).cluster())
        .isEqualTo("outbound|9080||productpage.default.svc.cluster.local");
    assertThat(
            t.resolve(
                    new RouteRequest(
                        "istio-ingressgateway", "x", null, "GET", "/static/app.css", Map.of()))
                .match())
        .isEqualTo(1);
    assertThat(
            t.resolve(new RouteRequest("istio-ingressgateway", "x", null, "GET", "/", Map.of()))
                .outcome())
        .isEqualTo(Outcome.NO_ROUTE);
    Decision d = t.resolve(reviews());
    assertThat(d.virtualService()).isNull();
    assertThat(d.destinations().get(0).endpoints()).hasSize(3);
  }

  @Test
  void allV1SendsEveryServiceToV1() {
    RouteTable t = with("virtual-service-all-v1.yaml");
    assertThat(subsetOf(t.resolve(reviews("end-user", "jason")))).isEqualTo("v1");
    assertThat(subsetOf(t.resolve(get("productpage-v1", "details", "/details/0")))).isEqualTo("v1");
    assertThat(subsetOf(t.resolve(ratingsFrom("reviews-v2")))).isEqualTo("v1");
  }

  @Test
  void allV1WithoutDestinationRulesIsClusterNotFound() {
    Mesh m = Mesh.bookinfo();
    SampleFiles.load(m, "virtual-service-all-v1.yaml");
    assertThat(m.table().resolve(reviews()).outcome()).isEqualTo(Outcome.CLUSTER_NOT_FOUND);
  }

  @Test
  void testV2SendsJasonToV2AndOthersToV1() {
    RouteTable t = with("virtual-service-all-v1.yaml", "virtual-service-reviews-test-v2.yaml");
    Decision jason = t.resolve(reviews("end-user", "jason"));
    assertThat(subsetOf(jason)).isEqualTo("v2");
    assertThat(jason.rule()).isZero();
    assertThat(jason.match()).isZero();
    assertThat(subsetOf(t.resolve(reviews()))).isEqualTo("v1");
  }

  @Test
  void fiftyV3SplitsHalfAndHalf() {
    Decision d =
        with("virtual-service-all-v1.yaml", "virtual-service-reviews-50-v3.yaml")
            .resolve(reviews());
    assertThat(d.destinations()).extracting(ClusterTarget::subset).containsExactly("v1", "v3");
    Random r = new Random(7);
    long v3 =
        java.util.stream.IntStream.range(0, 1000)
            .filter(i -> d.pick(r::nextDouble).subset().equals("v3"))
            .count();
    assertThat(v3).isBetween(450L, 550L);
  }

  @Test
  void delayAndAbortFilesFaultOnlyJasonsRatingsCalls() {
    RouteTable delay =
        with(
            "virtual-service-all-v1.yaml",
            "virtual-service-reviews-test-v2.yaml",
            "virtual-service-ratings-test-delay.yaml");
    assertThat(delay.resolve(ratingsFrom("reviews-v2", "end-user", "jason")).fault().delay())
        .isEqualTo(new FaultPolicy.Delay(7000, 100.0));
    assertThat(delay.resolve(ratingsFrom("reviews-v2")).fault()).isNull();
    RouteTable abort = with("virtual-service-ratings-test-abort.yaml");
    assertThat(abort.resolve(ratingsFrom("reviews-v2", "end-user", "jason")).fault().abort())
        .isEqualTo(new FaultPolicy.Abort(500, 100.0));
  }

  @Test
  void ratingsDbFilesPointAtPodlessSubsets() {
    for (String f :
        List.of(
            "virtual-service-ratings-db.yaml",
            "virtual-service-ratings-mysql.yaml",
            "virtual-service-ratings-mysql-vm.yaml")) {
      RouteTable t = with(f);
      assertThat(subsetOf(t.resolve(reviews()))).as(f).isEqualTo("v3");
      assertThat(t.resolve(ratingsFrom("reviews-v3")).outcome())
          .as(f)
          .isEqualTo(Outcome.NO_HEALTHY_UPSTREAM);
    }
    assertThat(
            with("virtual-service-details-v2.yaml")
                .resolve(get("productpage-v1", "details", "/details/0"))
                .outcome())
        .isEqualTo(Outcome.NO_HEALTHY_UPSTREAM);
  }

  @Test
  void faultInjectionDetailsAbortsEveryCallWith555() {
    Decision d =
        with("fault-injection-details-v1.yaml")
            .resolve(get("productpage-v1", "details", "/details/0"));
    assertThat(d.rule()).isZero();
    assertThat(d.fault().abort()).isEqualTo(new FaultPolicy.Abort(555, 100.0));
  }

  @Test
  void destinationRuleReviewsSetsRandomLoadBalancing() {
    Mesh m = Mesh.bookinfo();
    SampleFiles.load(m, "destination-rule-reviews.yaml");
    SampleFiles.load(m, "virtual-service-reviews-v2-v3.yaml");
    Decision d = m.table().resolve(reviews());
    assertThat(d.destinations()).extracting(ClusterTarget::loadBalancer).containsOnly("RANDOM");
  }

  @Test
  void egressFileRoutesPortEightyToFourFourThree() {
    RouteTable t = with("egress-rule-google-apis.yaml");
    Decision d =
        t.resolve(
            new RouteRequest("details-v1", "www.googleapis.com", 80, "GET", "/books/v1", Map.of()));
    assertThat(d.virtualService()).isEqualTo("rewrite-port-for-googleapis.default");
    assertThat(d.destinations().get(0).cluster()).isEqualTo("outbound|443||www.googleapis.com");
    assertThat(d.destinations().get(0).trafficPolicy())
        .isEqualTo(Map.of("tls", Map.of("mode", "SIMPLE")));
  }

  @Test
  void certManagerGatewayRoutesAcmeChallengesAtTheIngress() {
    RouteTable t = with("certmanager-gateway.yaml");
    Decision d =
        t.resolve(
            new RouteRequest(
                "istio-ingressgateway",
                "example.com",
                null,
                "GET",
                "/.well-known/acme-challenge/token",
                Map.of()));
    assertThat(d.virtualService())
        .as("merged after bookinfo's routes on the shared * host")
        .isEqualTo("cert-manager.istio-system");
    assertThat(d.destinations().get(0).cluster())
        .isEqualTo("outbound|8089||cert-manager-resolver.istio-system.svc.cluster.local");
    assertThat(d.outcome())
        .as("no cert-manager-resolver service in the sandbox")
        .isEqualTo(Outcome.CLUSTER_NOT_FOUND);
  }
}
