package dev.trafficlab.mesh.routing;

import static dev.trafficlab.mesh.routing.Requests.ratingsFrom;
import static dev.trafficlab.mesh.routing.Requests.reviews;
import static dev.trafficlab.mesh.routing.Requests.subsetOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.store.ApplyMode;
import dev.trafficlab.mesh.store.ApplyReport;
import dev.trafficlab.mesh.store.ConfigStore;
import dev.trafficlab.mesh.store.Snapshot;
import org.junit.jupiter.api.Test;

/**
 * Istio 1.8.1 validation accepts what its Envoy then refuses (a regex whose RE2 program exceeds
 * 1024, a header value with CR or LF, a ":"-prefixed header operation): the port's route
 * configuration is NACKed, the proxies keep the routes they had, later changes on that port wait
 * until the bad rule is gone.
 */
class RefusedRouteConfigKeepsPreviousRoutesTest {
  private static final String PRODUCTPAGE = "productpage-v1";

  private static ConfigStore lessonStartWithReviewsV2() {
    ConfigStore store =
        new ConfigStore(Snapshot.empty(Inventory.bookinfo(), IstioProfile.ISTIO_1_8));
    for (String f : new String[] {"bookinfo-gateway.yaml", "destination-rule-all.yaml"}) {
      assertThat(store.apply(SampleFiles.read(f), "default", f, ApplyMode.APPLY).ok()).isTrue();
    }
    apply(store, vs("reviews", "v2", ""));
    return store;
  }

  private static ApplyReport apply(ConfigStore store, String yaml) {
    ApplyReport r = store.apply(yaml, "default", "STDIN", ApplyMode.APPLY);
    assertThat(r.ok()).as(r.output()).isTrue();
    return r;
  }

  private static String vs(String host, String subset, String extra) {
    return "apiVersion: networking.istio.io/v1alpha3\nkind: VirtualService\nmetadata:\n  name: "
        + host
        + "\n"
        + "spec:\n  hosts: ["
        + host
        + "]\n  http:\n"
        + extra
        + "  - route:\n    - destination: {host: "
        + host
        + ", subset: "
        + subset
        + "}\n";
  }

  /**
   * A rule on /slow matched by a regex Go accepts but whose RE2 program (about 1054) Envoy refuses.
   */
  private static final String OVERSIZED =
      "  - match:\n    - uri: {regex: \"(/[a-z]{1,20}){25}\"}\n"
          + "    route:\n    - destination: {host: reviews, subset: v1}\n";

  @Test
  void anOversizedRegexIsAcceptedByKubectlAndRefusedByEnvoyWhichKeepsItsRoutes() {
    ConfigStore store = lessonStartWithReviewsV2();
    ApplyReport r = apply(store, vs("reviews", "v3", OVERSIZED));
    assertThat(r.output()).isEqualTo("virtualservice.networking.istio.io/reviews configured\n");
    RouteTable t = store.current().routes();
    assertThat(subsetOf(t.resolve(reviews()))).as("the proxy keeps v2").isEqualTo("v2");
    assertThat(t.rejectedRouteConfigs(PRODUCTPAGE))
        .singleElement()
        .satisfies(
            rc -> {
              assertThat(rc.name()).isEqualTo("9080");
              assertThat(rc.message())
                  .startsWith("regex '(/[a-z]{1,20}){25}' RE2 program size of ")
                  .endsWith(
                      " > max program size of 1024 set for the error level threshold. Increase configured max "
                          + "program size if necessary.");
            });
    assertThat(t.routeConfigs(PRODUCTPAGE))
        .filteredOn(rc -> rc.name().equals("9080"))
        .singleElement()
        .satisfies(rc -> assertThat(rc.toString()).doesNotContain("(/[a-z]{1,20}){25}"));
  }

  @Test
  void aLaterValidChangeOnThatPortWaitsUntilTheBadRegexIsRemoved() {
    ConfigStore store = lessonStartWithReviewsV2();
    apply(store, vs("reviews", "v3", OVERSIZED));
    apply(store, vs("ratings", "v2", ""));
    RouteTable t = store.current().routes();
    assertThat(t.resolve(ratingsFrom("reviews-v2")).virtualService())
        .as("port 9080 is still refused")
        .isNull();
    assertThat(subsetOf(t.resolve(reviews()))).isEqualTo("v2");

    apply(store, vs("reviews", "v3", ""));
    t = store.current().routes();
    assertThat(subsetOf(t.resolve(reviews()))).isEqualTo("v3");
    assertThat(subsetOf(t.resolve(ratingsFrom("reviews-v2")))).isEqualTo("v2");
    assertThat(t.rejectedRouteConfigs(PRODUCTPAGE)).isEmpty();
  }

  @Test
  void aRegexJustUnderTheLimitIsAccepted() {
    ConfigStore store = lessonStartWithReviewsV2();
    apply(store, vs("reviews", "v3", OVERSIZED.replace("{25}", "{24}")));
    RouteTable t = store.current().routes();
    assertThat(t.rejectedRouteConfigs(PRODUCTPAGE)).isEmpty();
    assertThat(subsetOf(t.resolve(reviews()))).isEqualTo("v3");
  }

  @Test
  void aHeaderValueWithCarriageReturnOrLineFeedIsRefusedTheSameWay() {
    ConfigStore store = lessonStartWithReviewsV2();
    String crlf =
        "    headers:\n      response:\n        set:\n          x-note: \"a\\r\\nset-cookie: tl_sandbox=x\"\n";
    apply(
        store,
        vs("reviews", "v3", "")
            .replace("  - route:\n", "  - route:\n")
            .replace(
                "  http:\n",
                "  http:\n  - match:\n    - uri: {prefix: /x}\n"
                    + crlf
                    + "    route:\n    - destination: {host: reviews}\n"));
    RouteTable t = store.current().routes();
    assertThat(subsetOf(t.resolve(reviews()))).isEqualTo("v2");
    assertThat(t.rejectedRouteConfigs(PRODUCTPAGE))
        .singleElement()
        .satisfies(
            rc ->
                assertThat(rc.message())
                    .startsWith(
                        "Proto constraint validation failed (RouteConfigurationValidationError.VirtualHosts[")
                    .contains("RouteValidationError.ResponseHeadersToAdd[0]")
                    .endsWith(
                        "HeaderValueValidationError.Value: [\"value does not match regex pattern "
                            + "\\\"^[^\\\\x00\\\\n\\\\r]*$\\\"\"])"));
  }

  @Test
  void aPseudoHeaderOperationIsRefusedWithEnvoysWords() {
    ConfigStore store = lessonStartWithReviewsV2();
    String status = "    headers:\n      response:\n        set:\n          \":status\": \"200\"\n";
    apply(
        store,
        vs("reviews", "v3", "")
            .replace("  - route:\n", status.isEmpty() ? "" : "  - route:\n")
            .replace(
                "    - destination: {host: reviews, subset: v3}\n",
                "    - destination: {host: reviews, subset: v3}\n" + status));
    RouteTable t = store.current().routes();
    assertThat(subsetOf(t.resolve(reviews()))).isEqualTo("v2");
    assertThat(t.rejectedRouteConfigs(PRODUCTPAGE))
        .singleElement()
        .satisfies(
            rc -> assertThat(rc.message()).isEqualTo(":-prefixed headers may not be modified"));
  }

  @Test
  void removingHostIsRefusedButSettingItIsNot() {
    ConfigStore store = lessonStartWithReviewsV2();
    String setHost =
        "    headers:\n      request:\n        set:\n          host: reviews.example\n";
    apply(
        store,
        vs("reviews", "v3", "")
            .replace(
                "    - destination: {host: reviews, subset: v3}\n",
                "    - destination: {host: reviews, subset: v3}\n" + setHost));
    assertThat(store.current().routes().rejectedRouteConfigs(PRODUCTPAGE)).isEmpty();
    String removeHost = "    headers:\n      request:\n        remove: [host]\n";
    apply(
        store,
        vs("reviews", "v1", "")
            .replace(
                "    - destination: {host: reviews, subset: v1}\n",
                "    - destination: {host: reviews, subset: v1}\n" + removeHost));
    RouteTable t = store.current().routes();
    assertThat(subsetOf(t.resolve(reviews()))).isEqualTo("v3");
    assertThat(t.rejectedRouteConfigs(PRODUCTPAGE))
        .singleElement()
        .satisfies(
            rc ->
                assertThat(rc.message())
                    .isEqualTo(":-prefixed or host headers may not be removed"));
  }
}
