package dev.trafficlab.bookinfo.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

/** The mesh's response headers as the browser may see them on the lab's origin. */
class BrowserHeadersTest {
  private static final String PREFIX = "/bookinfo/KEY";

  @Test
  void cookiesAreScopedToThePageAndMayNotBearTheLabsNames() {
    assertThat(
            BrowserHeaders.cookie(
                "session=abc; Path=/bookinfo/KEY/; HttpOnly; SameSite=Lax", "/bookinfo/KEY/"))
        .isEqualTo("session=abc; HttpOnly; SameSite=Lax; Path=/bookinfo/KEY/");
    assertThat(BrowserHeaders.cookie("a=1; Domain=example.com; path=/", "/bookinfo/KEY/"))
        .isEqualTo("a=1; Path=/bookinfo/KEY/");
    assertThat(BrowserHeaders.cookie("tl_sandbox=x; Path=/bookinfo/KEY/", "/bookinfo/KEY/"))
        .isNull();
    assertThat(BrowserHeaders.cookie("TL_other=x", "/bookinfo/KEY/")).isNull();
    assertThat(BrowserHeaders.cookie("__Host-id=x; Path=/; Secure", "/bookinfo/KEY/")).isNull();
  }

  @Test
  void aLocationMayOnlyStayInsideThePage() {
    assertThat(BrowserHeaders.insidePage("/bookinfo/KEY/productpage", "/bookinfo/KEY/")).isTrue();
    assertThat(BrowserHeaders.insidePage("productpage?u=normal", "/bookinfo/KEY/")).isTrue();
    assertThat(BrowserHeaders.insidePage("/bookinfo/KEY/productpage?next=..%2e", "/bookinfo/KEY/"))
        .isTrue();
    assertThat(BrowserHeaders.insidePage("https://evil.example/", "/bookinfo/KEY/")).isFalse();
    assertThat(BrowserHeaders.insidePage("//evil.example/", "/bookinfo/KEY/")).isFalse();
    assertThat(BrowserHeaders.insidePage("/api/sandboxes", "/bookinfo/KEY/")).isFalse();
    assertThat(BrowserHeaders.insidePage("/bookinfo/OTHER/productpage", "/bookinfo/KEY/"))
        .isFalse();
    assertThat(BrowserHeaders.insidePage("/bookinfo/KEY/../../api", "/bookinfo/KEY/")).isFalse();
    assertThat(BrowserHeaders.insidePage("javascript:alert(1)", "/bookinfo/KEY/")).isFalse();
    assertThat(BrowserHeaders.insidePage("../x", "/bookinfo/KEY/")).isFalse();
    assertThat(BrowserHeaders.insidePage("/bookinfo/KEY/%2E%2e/%2e%2e/api", "/bookinfo/KEY/"))
        .isFalse();
  }

  @Test
  void theLabsOwnHeadersAndUnprintableBytesAreDropped() {
    MultiMap mesh =
        MultiMap.caseInsensitiveMultiMap()
            .add("Refresh", "0; url=https://evil.example/")
            .add("X-Frame-Options", "ALLOWALL")
            .add("Content-Security-Policy", "default-src *")
            .add("x-ok", "kept")
            .add("x-bad", "a\r\nb")
            .add("Content-Type", "text/html");
    MultiMap out = BrowserHeaders.filter(mesh, PREFIX);
    assertThat(out.names()).containsExactlyInAnyOrder("x-ok", "Content-Type");
  }
}
