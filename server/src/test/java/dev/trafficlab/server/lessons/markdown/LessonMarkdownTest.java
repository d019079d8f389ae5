package dev.trafficlab.server.lessons.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LessonMarkdownTest {
  private final LessonMarkdown md = new LessonMarkdown();

  @Test
  void executeMarkerTurnsACodeSpanIntoARunButtonCarryingTheCommand() {
    String html = md.render("Run `kubectl get pods`{{execute}} now.");
    assertThat(html)
        .contains("<button type=\"button\" class=\"execute\" data-command=\"kubectl get pods\"")
        .contains("<code>kubectl get pods</code></button> now.")
        .doesNotContain("{{execute}}");
  }

  @Test
  void executeMarkerWithKatacodaTerminalOptionsIsAccepted() {
    String html = md.render("`echo hi`{{execute T1}} and `clear`{{execute interrupt}}");
    assertThat(html)
        .contains("data-command=\"echo hi\"")
        .contains("data-command=\"clear\"")
        .doesNotContain("{{");
  }

  @Test
  void executeMarkerNamesItsTerminalAndAsksForCtrlCFirst() {
    String html =
        md.render(
            "`sleep 60`{{execute T2}} then `echo done`{{execute interrupt T2}}\n\n"
                + "```\nwatch kubectl get pods\n```{{execute interrupt}}\n");
    assertThat(html)
        .contains(
            "data-command=\"sleep 60\" data-terminal=\"T2\" title=\"Run this command in terminal T2\"")
        .contains("data-command=\"echo done\" data-terminal=\"T2\" data-interrupt=\"true\"")
        .contains(
            "data-command=\"watch kubectl get pods\" data-interrupt=\"true\" title=\"Press Ctrl+C, then run"
                + " this command in the terminal\"")
        .doesNotContain("{{");
  }

  @Test
  void copyMarkerTurnsACodeSpanIntoACopyButton() {
    String html = md.render("`curl -s http://reviews:9080/reviews/0`{{copy}}");
    assertThat(html)
        .contains("class=\"copy\" data-text=\"curl -s http://reviews:9080/reviews/0\"")
        .doesNotContain("{{copy}}");
  }

  @Test
  void openMarkerLinksTheFileResolvedUnderRoot() {
    String html =
        md.render("`istio-1.8.1/samples/bookinfo/networking/virtual-service-all-v1.yaml`{{open}}");
    assertThat(html)
        .contains(
            "<a href=\"#panel-editor\" class=\"open-file\" "
                + "data-path=\"/root/istio-1.8.1/samples/bookinfo/networking/virtual-service-all-v1.yaml\"");
  }

  @Test
  void openMarkerExpandsIstioHomeAndKeepsAbsolutePaths() {
    assertThat(md.render("`$ISTIO_HOME/samples/x.yaml`{{open}}"))
        .contains("data-path=\"/root/istio-1.8.1/samples/x.yaml\"");
    assertThat(md.render("`/etc/hosts`{{open}}")).contains("data-path=\"/etc/hosts\"");
  }

  @Test
  void fencedBlockClosedWithAMarkerBecomesOneMultiLineButton() {
    String html =
        md.render(
            "Apply:\n\n```\nkubectl apply -f - <<EOF\nkind: X\nEOF\n```{{execute}}\n\nAfter.");
    assertThat(html)
        .contains(
            "<div class=\"action-block\"><button type=\"button\" class=\"execute\" "
                + "data-command=\"kubectl apply -f - &lt;&lt;EOF\nkind: X\nEOF\"")
        .contains("<p>After.</p>")
        .doesNotContain("{{execute}}");
  }

  @Test
  void plainCodeSpansAndBlocksStayCode() {
    String html = md.render("Use `kubectl` here.\n\n```\nls\n```\n");
    assertThat(html)
        .contains("<code>kubectl</code>")
        .contains("<pre><code>ls\n</code></pre>")
        .doesNotContain("button");
  }

  @Test
  void commandTextIsEscapedInTheAttributeAndTheLabel() {
    String html = md.render("`echo \"<script>alert(1)</script>\" & 'x'`{{execute}}");
    assertThat(html)
        .contains(
            "data-command=\"echo &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot; &amp; 'x'\"")
        .contains("<code>echo \"&lt;script&gt;alert(1)&lt;/script&gt;\" &amp; 'x'</code>")
        .doesNotContain("<script>");
  }

  @Test
  void rawHtmlOutsideTheAllowListIsDropped() {
    String html = md.render("Hello <img src=x onerror=alert(1)>\n\n<script>alert(2)</script>\n");
    assertThat(html)
        .contains("<img src=\"x\">")
        .doesNotContain("onerror")
        .doesNotContain("<script")
        .doesNotContain("alert(2)");
  }

  @Test
  void javascriptLinksAreNeutralised() {
    String html = md.render("[click](javascript:alert(1))");
    assertThat(html).doesNotContain("javascript:");
  }

  @Test
  void katacodaHostUrlIsReplacedAsAWholeKeepingThePath() {
    String html =
        md.render(
            "Open [the page](https://[[HOST_SUBDOMAIN]]-80-[[KATACODA_HOST]]"
                + ".environments.katacoda.com/productpage) or <https://[[HOST_SUBDOMAIN]]-80-[[KATACODA_HOST]]"
                + ".environments.katacoda.com/productpage?u=normal>.");
    assertThat(html).doesNotContain("[[").doesNotContain("katacoda.com");
    String sandbox = KatacodaHostUrls.toSandbox(html, "http://localhost:8080/bookinfo/Kx9");
    assertThat(sandbox)
        .contains(
            "<a rel=\"nofollow\" href=\"http://localhost:8080/bookinfo/Kx9/productpage\">the page</a>")
        .contains(
            "<a rel=\"nofollow\" href=\"http://localhost:8080/bookinfo/Kx9/productpage?u=normal\">"
                + "http://localhost:8080/bookinfo/Kx9/productpage?u=normal</a>")
        .doesNotContain(KatacodaHostUrls.PLACEHOLDER);
  }

  @Test
  void katacodaHostUrlWithAnotherPortLeadsToThePortPageNotTheProductPage() {
    String html =
        md.render(
            "<https://[[HOST_SUBDOMAIN]]-9080-[[KATACODA_HOST]].environments.katacoda.com/x>");
    assertThat(KatacodaHostUrls.toSandbox(html, "/bookinfo/k"))
        .contains("href=\"/lab/ports/9080/x\"")
        .doesNotContain("/bookinfo/k");
  }

  @Test
  void sandboxAddressIsHtmlEscapedWhenInserted() {
    String html =
        md.render(
            "[p](https://[[HOST_SUBDOMAIN]]-80-[[KATACODA_HOST]].environments.katacoda.com/a)");
    assertThat(KatacodaHostUrls.toSandbox(html, "/b\"><script>"))
        .contains("/b&quot;&gt;&lt;script&gt;/a")
        .doesNotContain("<script>");
  }

  @Test
  void ingressUrlWithAHostBecomesThePageAddressWithTheHostAfterTheKey() {
    String html =
        md.render(
            "[teapot](http://[[INGRESS:httpbin.example.com]]/status/418) and"
                + " [page](https://[[HOST_SUBDOMAIN]]-80-[[KATACODA_HOST]].environments.katacoda.com/headers)");
    assertThat(html).doesNotContain("[[").doesNotContain("httpbin.example.com]]");
    assertThat(KatacodaHostUrls.toSandbox(html, "/bookinfo/Kx9"))
        .contains("href=\"/bookinfo/Kx9@httpbin.example.com/status/418\"")
        .contains("href=\"/bookinfo/Kx9/headers\"")
        .doesNotContain(KatacodaHostUrls.PLACEHOLDER);
  }

  @Test
  void ingressMarkerWithSomethingThatIsNoHostNameStaysAsWritten() {
    String html = md.render("[x](http://[[INGRESS:a\"b]]/y)");
    assertThat(KatacodaHostUrls.toSandbox(html, "/bookinfo/k")).doesNotContain("/bookinfo/k");
  }
}
