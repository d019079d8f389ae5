package dev.trafficlab.bookinfo.workloads;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpBinStatusTest {
  @Test
  void weightedCodesPickByCumulativeWeightAsPythonsWeightedChoice() {
    assertThat(HttpBin.pickCode("200:0.5,503:0.5", 0.0)).isEqualTo(200);
    assertThat(HttpBin.pickCode("200:0.5,503:0.5", 0.49)).isEqualTo(200);
    assertThat(HttpBin.pickCode("200:0.5,503:0.5", 0.51)).isEqualTo(503);
    assertThat(HttpBin.pickCode("200,503,504", 0.9)).isEqualTo(504);
    assertThat(HttpBin.pickCode("200:0.9,503", 0.5)).isEqualTo(503);
  }

  @Test
  void badCodesAreRejected() {
    assertThat(HttpBin.pickCode("abc", 0)).isNull();
    assertThat(HttpBin.pickCode("200:x,503", 0)).isNull();
    assertThat(HttpBin.pickCode("1000", 0)).isNull();
    assertThat(HttpBin.pickCode("418", 0)).isEqualTo(418);
  }

  @Test
  void headerNamesAreTitleCasedAsWerkzeugDoes() {
    assertThat(WerkzeugHeaderNames.titleCase("x-b3-traceid")).isEqualTo("X-B3-Traceid");
    assertThat(WerkzeugHeaderNames.titleCase("x-envoy-attempt-count"))
        .isEqualTo("X-Envoy-Attempt-Count");
  }
}
