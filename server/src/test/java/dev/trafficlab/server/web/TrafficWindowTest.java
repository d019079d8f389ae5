package dev.trafficlab.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.bookinfo.TrafficRecord;
import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.store.ConfigChange;
import dev.trafficlab.mesh.store.Snapshot;
import dev.trafficlab.server.sandbox.TrafficLens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficWindowTest {
  static final Instant T0 = Instant.parse("2026-01-01T17:45:00Z");
  static final Instant CHANGE = T0.plusSeconds(12);
  private final Snapshot snapshot = Snapshot.empty(Inventory.bookinfo(), IstioProfile.ISTIO_1_8);
  private final List<ConfigChange> changes =
      List.of(new ConfigChange(2, CHANGE, "reviews VirtualService configured"));

  static TrafficRecord call(Instant at, String pod) {
    return new TrafficRecord(
        at,
        "id",
        "productpage-v1-6b746f74dc-mp6tf",
        "GET",
        "reviews:9080",
        "/reviews/0",
        "HTTP/1.1",
        200,
        "-",
        10,
        1.0,
        "outbound|9080||reviews.default.svc.cluster.local",
        null,
        pod,
        "",
        null,
        null,
        null);
  }

  /** Ten requests spread over three versions before the change, then five to v1 only. */
  private List<TrafficRecord> beforeAndAfter() {
    List<TrafficRecord> records = new ArrayList<>();
    String[] pods = {
      "reviews-v1-7f99cc4496-gdxfn", "reviews-v2-7d79d5bd5d-8zzqd", "reviews-v3-7dbcdcbc56-m8kbn"
    };
    for (int i = 0; i < 10; i++) {
      records.add(call(T0.plusSeconds(i), pods[i % 3]));
    }
    for (int i = 0; i < 5; i++) {
      records.add(call(CHANGE.plusSeconds(1 + i), pods[0]));
    }
    return records;
  }

  private static int count(TrafficView view, String version) {
    return view.counts().stream()
        .filter(c -> c.version().equals(version))
        .findFirst()
        .get()
        .count();
  }

  @Test
  void byDefaultOnlyRequestsSinceTheLastConfigChangeAreCounted() {
    TrafficView view =
        TrafficView.of(
            beforeAndAfter(), snapshot, TrafficLens.DEFAULT, changes, CHANGE.plusSeconds(30));
    assertThat(view.window()).isEqualTo(5);
    assertThat(count(view, "v1")).isEqualTo(5);
    assertThat(count(view, "v2")).isZero();
    assertThat(view.counts().get(0).percent()).isEqualTo(100);
    assertThat(view.since()).isEqualTo("since reviews VirtualService configured at 17:45:12");
  }

  @Test
  void everythingCountsAllAndADividerMarksTheChangeBetweenTheRows() {
    TrafficView view =
        TrafficView.of(
            beforeAndAfter(),
            snapshot,
            TrafficLens.DEFAULT.withWindow("all"),
            changes,
            CHANGE.plusSeconds(30));
    assertThat(view.window()).isEqualTo(15);
    List<TrafficView.Row> rows = view.recent();
    assertThat(rows).hasSize(16);
    assertThat(rows.get(4).isDivider()).isFalse();
    assertThat(rows.get(5).divider()).isEqualTo("reviews VirtualService configured at 17:45:12");
    assertThat(rows.get(6).isDivider()).isFalse();
  }

  @Test
  void theLastMinuteLeavesOutOlderRequests() {
    TrafficView view =
        TrafficView.of(
            beforeAndAfter(),
            snapshot,
            TrafficLens.DEFAULT.withWindow("minute"),
            changes,
            T0.plusSeconds(65));
    // Requests at T0+5s and later.
    assertThat(view.window()).isEqualTo(10);
  }

  @Test
  void clearHidesWhatCameBeforeWhateverTheWindow() {
    TrafficView view =
        TrafficView.of(
            beforeAndAfter(),
            snapshot,
            TrafficLens.DEFAULT.withWindow("all").withClearedAt(CHANGE.plusSeconds(4)),
            changes,
            CHANGE.plusSeconds(30));
    assertThat(view.window()).isEqualTo(2);
  }

  @Test
  void aChangeWithNoRequestsSinceShowsItsDividerAlone() {
    List<ConfigChange> later =
        List.of(new ConfigChange(3, CHANGE.plusSeconds(60), "reviews VirtualService created"));
    TrafficView view =
        TrafficView.of(
            beforeAndAfter(), snapshot, TrafficLens.DEFAULT, later, CHANGE.plusSeconds(90));
    assertThat(view.window()).isZero();
    assertThat(view.recent())
        .extracting(TrafficView.Row::divider)
        .containsExactly("reviews VirtualService created at 17:46:12");
  }
}
