package dev.trafficlab.bookinfo.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProxyStatsTest {
  static final IstioSeries.Peer SLEEP =
      new IstioSeries.Peer("sleep", "default", "sleep", "sleep", "unknown");

  private static IstioSeries toHost(String host) {
    return new IstioSeries("source", SLEEP, IstioSeries.Peer.UNKNOWN, host, 404, "NR");
  }

  @Test
  void unknownHostsCannotGrowAProxysSeriesWithoutBound() {
    ProxyStats p = new ProxyStats();
    for (int i = 0; i < ProxyStats.MAX_SERIES + 50; i++) {
      p.request(toHost("host-" + i), 1);
    }
    assertThat(p.istio()).hasSize(ProxyStats.MAX_SERIES);
    // Series already kept go on counting.
    p.request(toHost("host-0"), 1);
    assertThat(p.requests(toHost("host-0"))).isEqualTo(2);
    assertThat(p.requests(toHost("host-" + ProxyStats.MAX_SERIES))).isZero();
  }

  @Test
  void aDurationLandsInIstiosDefaultBucketsCumulatively() {
    ProxyStats p = new ProxyStats();
    p.request(toHost("a"), 7);
    p.request(toHost("a"), 300);
    String prom =
        EnvoyStats.prometheus(p, new AdminView(StatsInclusion.forPod(java.util.Map.of()), 1, 1, 1));
    assertThat(prom)
        .containsPattern("_bucket\\{[^\\n]*,le=\"5\"\\} 0\\n")
        .containsPattern("_bucket\\{[^\\n]*,le=\"10\"\\} 1\\n")
        .containsPattern("_bucket\\{[^\\n]*,le=\"500\"\\} 2\\n")
        .containsPattern("_sum\\{[^\\n]*\\} 307\\n")
        .containsPattern("_count\\{[^\\n]*\\} 2\\n");
  }
}
