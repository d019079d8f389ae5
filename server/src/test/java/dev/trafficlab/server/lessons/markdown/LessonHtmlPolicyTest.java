package dev.trafficlab.server.lessons.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The HTML an imported page may carry: kbd, details/summary, Katacoda's file blocks and images
 * pass; script, event handlers, styles and script URLs never do.
 */
class LessonHtmlPolicyTest {
  private final LessonMarkdown md = new LessonMarkdown();

  @Test
  void kbdAndDetailsWithMarkdownInsidePass() {
    String html =
        md.render(
            "Press <kbd>Ctrl</kbd>+<kbd>C</kbd>.\n\n<details><summary>Solution</summary>\n\n"
                + "`kubectl get vs`{{exec}}\n\n</details>\n");
    assertThat(html)
        .contains("<kbd>Ctrl</kbd>+<kbd>C</kbd>")
        .contains("<details><summary>Solution</summary>")
        .contains("data-command=\"kubectl get vs\"")
        .contains("</details>");
  }

  @Test
  void scriptsAreDroppedWithTheirContent() {
    String html = md.render("<script>alert(1)</script>\n\nok <script>alert(2)</script>\n");
    assertThat(html).doesNotContainIgnoringCase("<script").doesNotContain("alert(");
  }

  @Test
  void eventHandlersAndStylesAreDropped() {
    String html =
        md.render(
            "<details open ontoggle=\"alert(1)\"><summary onclick=alert(2)>Hint</summary>\n\n"
                + "x\n\n</details>\n\n<kbd onmouseover='alert(3)' style=\"position:fixed\">K</kbd>"
                + " <img src=\"a.png\" onerror=\"alert(4)\" style=\"width:1px\">\n");
    assertThat(html)
        .doesNotContain("alert(")
        .doesNotContain("style=")
        .contains("<details open><summary>Hint</summary>")
        .contains("<kbd>K</kbd>")
        .contains("<img src=\"a.png\">");
  }

  @Test
  void javascriptAndDataUrlsAreDroppedFromRawHtml() {
    String html =
        md.render(
            "<a href=\"javascript:alert(1)\">a</a> <a href=\" JaVaScRiPt:alert(2)\">b</a> "
                + "<a href=\"data:text/html,<script>alert(3)</script>\">c</a> "
                + "<img src=\"javascript:alert(4)\"> <a href=\"jav&#x09;ascript:alert(5)\">d</a>\n");
    assertThat(html).doesNotContainIgnoringCase("javascript").doesNotContain("data:");
  }

  @Test
  void framesFormsActionsAndForeignElementsAreDropped() {
    String html =
        md.render(
            "<iframe src=\"https://example.com\"></iframe><object data=x></object>"
                + "<form action=\"https://evil.example\"><input type=\"password\" name=p>"
                + "<input type=\"hidden\" name=h></form><svg onload=alert(1)></svg>\n");
    assertThat(html)
        .doesNotContain("<iframe")
        .doesNotContain("<object")
        .doesNotContain("action=")
        .doesNotContain("password")
        .doesNotContain("hidden")
        .doesNotContain("<svg")
        .doesNotContain("alert");
  }

  @Test
  void classesOutsideThePagesOwnAreDropped() {
    String html = md.render("<div class=\"modal-backdrop execute\">x</div>\n");
    assertThat(html).contains("<div class=\"execute\">x</div>").doesNotContain("modal");
  }

  @Test
  void fileBlockGetsAButtonWritingIntoTheEditorsFile() {
    String html =
        md.render(
            "<pre class=\"file\" data-filename=\"app.js\" data-target=\"replace\">"
                + "var a = 1 &lt; 2;\n</pre>\n\n"
                + "<pre class=\"file\" data-filename=\"/etc/x.yaml\" data-target=\"append\">b: 2</pre>\n\n"
                + "<pre class=\"file\" data-filename=\"app.js\" data-target=\"insert\" "
                + "data-marker=\"#TODO\">c()</pre>\n");
    assertThat(html)
        .contains(
            "<div class=\"file-block\"><pre class=\"file\" data-filename=\"app.js\" "
                + "data-target=\"replace\">var a = 1 &lt; 2;\n</pre><button type=\"button\" "
                + "class=\"write-file\" data-path=\"/root/app.js\" data-target=\"replace\" "
                + "data-text=\"var a = 1 &lt; 2;\n\"")
        .contains("Copy to editor: replace /root/app.js")
        .contains("data-path=\"/etc/x.yaml\" data-target=\"append\" data-text=\"b: 2\"")
        .contains("data-target=\"insert\" data-text=\"c()\" data-marker=\"#TODO\"");
  }

  @Test
  void clipboardTargetGetsACopyButton() {
    String html = md.render("<pre class=\"file\" data-target=\"clipboard\">copy me</pre>\n");
    assertThat(html).contains("<button type=\"button\" class=\"copy\" data-text=\"copy me\"");
  }

  @Test
  void fileBlockPathResolvesLikeAShellPathInTheSandbox() {
    String html =
        md.render(
            "<pre class=\"file\" data-filename=\"../../etc/passwd\" data-target=\"replace\">x</pre>\n");
    assertThat(html).contains("data-path=\"/etc/passwd\"");
  }

  @Test
  void rawButtonsCannotBecomeSubmitButtons() {
    String html = md.render("<button type=\"submit\" onclick=\"x()\">b</button>\n");
    assertThat(html).contains("<button type=\"button\">b</button>");
  }
}
