package dev.trafficlab.server.lessons.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The markers of Katacoda and Killercoda pages as the rendered HTML carries them. */
class KatacodaMarkersTest {
  private final LessonMarkdown md = new LessonMarkdown();

  @Test
  void markersAreCaseInsensitiveAndExecIsExecute() {
    String html = md.render("`ls`{{Execute interrupt}} `pwd`{{EXEC}} `id`{{exec}}");
    assertThat(html)
        .contains("data-command=\"ls\" data-interrupt=\"true\"")
        .contains("class=\"execute\" data-command=\"pwd\"")
        .contains("class=\"execute\" data-command=\"id\"")
        .doesNotContain("{{");
  }

  @Test
  void wordsComeInAnyOrder() {
    String a = md.render("`x`{{execute T3 interrupt}}");
    String b = md.render("`x`{{execute interrupt T3}}");
    assertThat(a)
        .isEqualTo(b)
        .contains("data-command=\"x\" data-terminal=\"T3\" data-interrupt=\"true\"");
  }

  @Test
  void labelOnlyInterruptBlockTypesItsLabelAfterCtrlC() {
    String html = md.render("`1`{{execute interrupt T1}}");
    assertThat(html)
        .contains(
            "data-command=\"1\" data-terminal=\"T1\" data-interrupt=\"true\" "
                + "title=\"Press Ctrl+C, then run this command in terminal T1\"");
  }

  @Test
  void ctrlSeqSendsKeysInsteadOfACommand() {
    String html = md.render("`^C`{{execute ctrl-seq}} and `^ESC`{{execute ctrl-seq T2}}");
    assertThat(html)
        .contains("class=\"execute\" data-keys=\"^C\" title=\"Press ^C in the terminal\"")
        .contains("data-keys=\"^ESC\" data-terminal=\"T2\"")
        .doesNotContain("data-command");
  }

  @Test
  void noNewlineTypesWithoutPressingEnter() {
    String html = md.render("`i`{{execute no-newline}}");
    assertThat(html)
        .contains(
            "data-command=\"i\" data-no-newline=\"true\" title=\"Type this in the terminal\"");
  }

  @Test
  void secondHostRunsHereAndSaysSo() {
    String html = md.render("`hostname`{{execute HOST2}} `uptime`{{execute HOST1}}");
    assertThat(html)
        .contains("data-command=\"hostname\" data-host=\"HOST2\"")
        .contains(
            "<small class=\"marker-note\">(Traffic Lab has one host: this runs there, in the"
                + " terminal, not on a second host)</small>")
        .contains("data-command=\"uptime\" data-host=\"HOST1\"");
    assertThat(html.split("marker-note", -1)).hasSize(2);
  }

  @Test
  void aSnippetNameIsKeptAndChangesNothingElse() {
    String html = md.render("`kubectl get pods`{{execute T2 list-pods}}");
    assertThat(html)
        .contains(
            "data-command=\"kubectl get pods\" data-terminal=\"T2\" data-name=\"list-pods\" "
                + "title=\"Run this command in terminal T2\"");
  }

  @Test
  void emptyMarkerLeavesPlainCode() {
    String html = md.render("`copying disabled`{{}} and `also`{{ }}");
    assertThat(html)
        .contains("<code>copying disabled</code> and <code>also</code>")
        .doesNotContain("button")
        .doesNotContain("{{");
  }

  @Test
  void copyAcceptsATerminalWordAndStaysACopyButton() {
    String html = md.render("`kubectl get vs`{{copy T1}}");
    assertThat(html).contains("class=\"copy\" data-text=\"kubectl get vs\"");
  }

  @Test
  void fenceClosedWithExecClosesAndTheRestOfThePageStaysOutside() {
    String html =
        md.render(
            "Run:\n\n```plain\nuname -r\npwd\n```{{exec}}\n\nText after.\n\n"
                + "```\nwhoami\n```{{Exec interrupt}}\n\n## Next\n");
    assertThat(html)
        .contains(
            "<div class=\"action-block\"><button type=\"button\" class=\"execute\" "
                + "data-command=\"uname -r\npwd\"")
        .contains("<p>Text after.</p>")
        .contains("data-command=\"whoami\" data-interrupt=\"true\"")
        .contains("<h2>Next</h2>")
        .doesNotContain("{{");
  }

  @Test
  void plainFenceBeforeAMarkedOneStaysItsOwnBlock() {
    String html = md.render("```\nls\n```\n\nbetween\n\n```\npwd\n```{{execute}}\n");
    assertThat(html)
        .contains("<pre><code>ls\n</code></pre>")
        .contains("<p>between</p>")
        .contains("data-command=\"pwd\"");
  }

  @Test
  void fenceClosedWithCopyOrEmptyMarker() {
    String html = md.render("```\na\nb\n```{{copy}}\n\n```\nc\n```{{}}\n");
    assertThat(html)
        .contains("class=\"copy\" data-text=\"a\nb\"")
        .contains("<pre><code class=\"block\">c</code></pre>")
        .doesNotContain("{{");
  }

  @Test
  void markedFenceInsideAListItemWorks() {
    String html = md.render("1. Apply:\n\n   ```\n   kubectl get pods\n   ```{{execute}}\n");
    assertThat(html).contains("<li>").contains("data-command=\"kubectl get pods\"");
  }

  @Test
  void multiLineInlineCommandKeepsItsLines() {
    String html = md.render("Run `kubectl apply -f - <<EOF\nkind: X\nEOF`{{execute}} to apply.");
    assertThat(html)
        .contains("data-command=\"kubectl apply -f - &lt;&lt;EOF\nkind: X\nEOF\"")
        .contains("to apply.");
  }

  @Test
  void leadingPromptIsStripped() {
    String html =
        md.render("`$ kubectl get pods`{{execute}}\n\n```\n$ ls\n$ pwd\necho $HOME\n```{{exec}}\n");
    assertThat(html)
        .contains("data-command=\"kubectl get pods\"")
        .contains("<code>kubectl get pods</code>")
        .contains("data-command=\"ls\npwd\necho $HOME\"");
  }

  @Test
  void markerTextThatIsNoMarkerStaysText() {
    String html = md.render("`x`{{executed}} and `y`{{run}}");
    assertThat(html).contains("{{executed}}").contains("{{run}}").doesNotContain("button");
  }
}
