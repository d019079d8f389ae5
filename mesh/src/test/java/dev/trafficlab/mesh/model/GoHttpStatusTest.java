package dev.trafficlab.mesh.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * retryOn entries read as Go reads them: strconv.Atoi (sign, ASCII digits) and a status net/http
 * names.
 */
class GoHttpStatusTest {

  @Test
  void atoiTakesASignAndAsciiDigitsOnly() {
    assertThat(GoHttpStatus.atoi("+503")).isEqualTo(503);
    assertThat(GoHttpStatus.atoi("0503")).isEqualTo(503);
    assertThat(GoHttpStatus.atoi("-1")).isEqualTo(-1);
    assertThat(GoHttpStatus.atoi("\u0665\u0660\u0663")).as("Arabic-Indic digits").isZero();
    assertThat(GoHttpStatus.atoi(" 503")).isZero();
    assertThat(GoHttpStatus.atoi("+")).isZero();
    assertThat(GoHttpStatus.atoi("")).isZero();
  }

  @Test
  void onlyStatusesNetHttpNamesAreStatusCodes() {
    assertThat(GoHttpStatus.statusCode("503")).isEqualTo(503);
    assertThat(GoHttpStatus.statusCode("+429")).isEqualTo(429);
    assertThat(GoHttpStatus.statusCode("599")).isEqualTo(-1);
    assertThat(GoHttpStatus.statusCode("306")).isEqualTo(-1);
    assertThat(GoHttpStatus.statusCode("99999999999999999999")).isEqualTo(-1);
    assertThat(GoHttpStatus.statusCode("5xx")).isEqualTo(-1);
  }
}
