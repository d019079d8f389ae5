package dev.trafficlab.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** http (HTTPie) sends through the mesh as curl does and prints HTTPie's response shape. */
class HttpieTest extends RealMeshShellTest {
  @Test
  void getPrintsStatusHeadersAndIndentedJson() {
    FakeTerminal t = sandbox();
    ExecResult r = run(t, "http GET details:9080/details/0");
    assertThat(r.exitCode()).isZero();
    assertThat(r.output())
        .startsWith("HTTP/1.1 200 OK\n")
        .contains("\ncontent-type: application/json");
    assertThat(r.output())
        .contains("\n\n{\n    \"ISBN-10\": \"1234567890\",\n")
        .contains("\n    \"author\": \"William Shakespeare\",\n")
        .endsWith("}\n\n");
  }

  @Test
  void headersAndQueryItemsGoWithTheRequest() {
    FakeTerminal t = sandbox(TestResources.DR_REVIEWS, TestResources.VS_REVIEWS_JASON);
    String body = run(t, "http -b reviews:9080/reviews/0 end-user:jason").output();
    assertThat(body).contains("\"color\": ");
    assertThat(run(t, "http --headers details:9080/details/0 x==1").output())
        .startsWith("HTTP/1.1 200 OK\n")
        .doesNotContain("author");
  }

  @Test
  void dataItemsMakeAJsonPost() {
    FakeTerminal t = sandbox();
    ExecResult r = run(t, "http POST details:9080/details/0 a=b n:=1");
    assertThat(r.output()).startsWith("HTTP/1.1 ");
  }

  @Test
  void anUnknownHostIsAConnectionError() {
    FakeTerminal t = sandbox();
    ExecResult r = run(t, "http nowhere:9080/");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.output()).startsWith("\nhttp: error: ConnectionError: ");
  }
}
