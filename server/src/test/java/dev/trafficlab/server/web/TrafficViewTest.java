package dev.trafficlab.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.bookinfo.TrafficRecord;
import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.mesh.routing.RouteOrigin;
import dev.trafficlab.mesh.store.Snapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficViewTest {
  private final Snapshot snapshot = Snapshot.empty(Inventory.bookinfo(), IstioProfile.ISTIO_1_8);

  @Test
  void countsOnlyProductpageCallsToReviewsByTheVersionThatAnswered() {
    List<TrafficRecord> records =
        List.of(
            reviews("reviews-v1-7f99cc4496-gdxfn", "", null, null, null),
            reviews("reviews-v3-7dbcdcbc56-m8kbn", "v3", "reviews.default", 0, null),
            reviews("reviews-v3-7dbcdcbc56-m8kbn", "v3", "reviews.default", 0, null),
            record("reviews-v2-7d79d5bd5d-8zzqd", "ratings:9080", "ratings-v1-7dc98c7588-6tzmw"),
            record(
                "istio-ingressgateway-5d8d7b9b5c-2xk4p",
                "productpage:9080",
                "productpage-v1-6b746f74dc-mp6tf"),
            reviews(null, "v4", "reviews.default", 0, null));
    TrafficView view = TrafficView.of(records, snapshot);
    assertThat(view.window()).isEqualTo(4);
    assertThat(view.counts())
        .extracting(TrafficView.Count::version, TrafficView.Count::count)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("v1", 1),
            org.assertj.core.groups.Tuple.tuple("v2", 0),
            org.assertj.core.groups.Tuple.tuple("v3", 2),
            org.assertj.core.groups.Tuple.tuple("error", 1));
  }

  @Test
  void theWindowIsTheLastHundredRequestsAndRowsAreNewestFirst() {
    List<TrafficRecord> records = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      records.add(
          reviews(
              i < 100 ? "reviews-v1-7f99cc4496-gdxfn" : "reviews-v2-7d79d5bd5d-8zzqd",
              "",
              null,
              null,
              i == 149 ? "jason" : null));
    }
    TrafficView view = TrafficView.of(records, snapshot);
    assertThat(view.window()).isEqualTo(100);
    assertThat(view.counts().get(0).count()).isEqualTo(50);
    assertThat(view.counts().get(1).count()).isEqualTo(50);
    assertThat(view.recent()).hasSize(TrafficView.ROWS);
    assertThat(view.recent().get(0).user()).isEqualTo("jason");
    assertThat(view.recent().get(1).user()).isEqualTo("anonymous");
  }

  @Test
  void theDefaultRouteIsExplainedAsLoadBalancing() {
    TrafficView view =
        TrafficView.of(
            List.of(reviews("reviews-v2-7d79d5bd5d-8zzqd", "", null, null, null)), snapshot);
    TrafficView.Row row = view.recent().get(0);
    assertThat(row.virtualService()).isEmpty();
    assertThat(row.rule()).isEmpty();
    assertThat(row.why()).contains("No VirtualService for reviews");
  }

  @Test
  void theRuleIsExplainedByTheOriginTheRequestCarried() {
    TrafficView.Row row =
        TrafficView.of(
                List.of(reviews("reviews-v1-7f99cc4496-gdxfn", "v1", "reviews.default", 1, null)),
                snapshot)
            .recent()
            .get(0);
    assertThat(row.virtualService()).isEqualTo("reviews.default");
    assertThat(row.rule()).isEqualTo("1");
    assertThat(row.match()).isEqualTo("0");
    assertThat(row.why())
        .as("the snapshot holds no VirtualService: the text comes from the record")
        .isEqualTo(
            "Rule #1 of VirtualService reviews.default, match #0: header end-user exact \"jason\"; all to v1.");
  }

  private static TrafficRecord reviews(
      String pod, String subset, String vs, Integer rule, String user) {
    return new TrafficRecord(
        Instant.parse("2026-01-01T10:00:00Z"),
        "id",
        "productpage-v1-6b746f74dc-mp6tf",
        "GET",
        "reviews:9080",
        "/reviews/0",
        "HTTP/1.1",
        pod == null ? 503 : 200,
        pod == null ? "NC" : "-",
        10,
        1.0,
        pod == null ? "-" : "outbound|9080|" + subset + "|reviews.default.svc.cluster.local",
        null,
        pod,
        subset,
        vs == null ? null : origin(vs, rule),
        null,
        user);
  }

  /**
   * The origin the compiler would record for rule {@code rule} of {@code nameNs}; rule 1 has one
   * match.
   */
  private static RouteOrigin origin(String nameNs, int rule) {
    String name = nameNs.substring(0, nameNs.lastIndexOf('.'));
    String text =
        rule == 1
            ? "Rule #1 of VirtualService "
                + nameNs
                + ", match #0: header end-user exact \"jason\"; all to v1."
            : "Rule #0 of VirtualService "
                + nameNs
                + " (no match: it takes every request); all to v3.";
    return new RouteOrigin(
        ResourceKind.VIRTUAL_SERVICE, "default", name, rule, rule == 1 ? 0 : null, text);
  }

  private static TrafficRecord record(String from, String authority, String pod) {
    return new TrafficRecord(
        Instant.now(),
        "id",
        from,
        "GET",
        authority,
        "/",
        "HTTP/1.1",
        200,
        "-",
        10,
        1.0,
        "outbound|9080||x",
        null,
        pod,
        "",
        null,
        null,
        null);
  }
}
