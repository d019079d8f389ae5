package dev.trafficlab.server.lessons.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Katacoda's quiz syntax rendered as forms the page checks. */
class KatacodaQuizTest {
  private final LessonMarkdown md = new LessonMarkdown();

  @Test
  void exactAnswerQuestionIsATextField() {
    String html = md.render("Before.\n\n>>Q1: Enter the exact string test<<\n=== test\n\nAfter.\n");
    assertThat(html)
        .contains(
            "<form class=\"quiz\" data-kind=\"exact\" data-expected=\"test\" "
                + "aria-label=\"Quiz: Q1: Enter the exact string test\"><fieldset>"
                + "<legend>Q1: Enter the exact string test</legend>"
                + "<label>Your answer <input type=\"text\" name=\"quiz-1\" autocomplete=\"off\">")
        .contains("<button type=\"button\" class=\"quiz-check\">Check answer</button>")
        .contains("<p class=\"quiz-feedback\" role=\"status\" aria-live=\"polite\"></p>")
        .contains("<p>Before.</p>")
        .contains("<p>After.</p>")
        .doesNotContain("blockquote")
        .doesNotContain("===");
  }

  @Test
  void containsAnswer() {
    assertThat(md.render(">>Q2: Enter the string containing test<<\n=~= test\n"))
        .contains("data-kind=\"contains\" data-expected=\"test\"");
  }

  @Test
  void multipleChoiceIsCheckboxesMarkingTheRightOnes() {
    String html = md.render(">>Q3: Multiple Choice <<\n[*] Right A\n[*] Right B\n[ ] Wrong\n");
    assertThat(html)
        .contains("data-kind=\"multiple\"")
        .contains(
            "<label><input type=\"checkbox\" name=\"quiz-1\" data-right=\"true\"> Right A</label>")
        .contains(
            "<label><input type=\"checkbox\" name=\"quiz-1\" data-right=\"true\"> Right B</label>")
        .contains(
            "<label><input type=\"checkbox\" name=\"quiz-1\" data-right=\"false\"> Wrong</label>");
  }

  @Test
  void singleChoiceIsRadioButtonsOfOneGroupPerQuestion() {
    String html =
        md.render(
            ">>Q4: Single <<\n(*) Correct\n( ) Incorrect\n\n>>Q5: Again<<\n( ) No\n(*) Yes\n");
    assertThat(html)
        .contains("<input type=\"radio\" name=\"quiz-1\" data-right=\"true\"> Correct")
        .contains("<input type=\"radio\" name=\"quiz-1\" data-right=\"false\"> Incorrect")
        .contains("<input type=\"radio\" name=\"quiz-2\" data-right=\"false\"> No")
        .contains("<input type=\"radio\" name=\"quiz-2\" data-right=\"true\"> Yes");
  }

  @Test
  void quizTextIsEscaped() {
    String html = md.render(">>Q1: <img src=x onerror=alert(1)><<\n=== <b>\n");
    assertThat(html)
        .contains("<legend>Q1: &lt;img src=x onerror=alert(1)&gt;</legend>")
        .doesNotContain("<img");
  }

  @Test
  void questionWithoutAnswersAndQuizSyntaxInCodeStayText() {
    String html = md.render(">>not a quiz<<\n\nplain\n\n```\n>>Q1: shown as code<<\n=== x\n```\n");
    assertThat(html).doesNotContain("<form").contains("&gt;&gt;Q1: shown as code&lt;&lt;");
  }
}
