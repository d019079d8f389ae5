package dev.trafficlab.server.lessons.markdown;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * A quiz question as a small form the page's script checks (no server round trip): a fieldset whose
 * legend is the question, a text field or labelled choices, a Check button and a status line that
 * screen readers announce.
 */
final class QuizHtml {
  private QuizHtml() {}

  static void write(HtmlWriter html, KatacodaQuiz quiz, int number) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("class", "quiz");
    form.put("data-kind", quiz.kind().name().toLowerCase(Locale.ROOT));
    if (quiz.expected() != null) {
      form.put("data-expected", quiz.expected());
    }
    form.put("aria-label", "Quiz: " + quiz.question());
    html.tag("form", form);
    html.tag("fieldset");
    html.tag("legend");
    html.text(quiz.question());
    html.tag("/legend");
    String name = "quiz-" + number;
    switch (quiz.kind()) {
      case EXACT, CONTAINS -> {
        html.tag("label");
        html.text("Your answer ");
        Map<String, String> input = new LinkedHashMap<>();
        input.put("type", "text");
        input.put("name", name);
        input.put("autocomplete", "off");
        html.tag("input", input, true);
        html.tag("/label");
      }
      default -> {
        html.tag("div", Map.of("class", "quiz-choices"));
        for (KatacodaQuiz.Choice c : quiz.choices()) {
          Map<String, String> input = new LinkedHashMap<>();
          input.put("type", quiz.kind() == KatacodaQuiz.Kind.SINGLE ? "radio" : "checkbox");
          input.put("name", name);
          input.put("data-right", String.valueOf(c.right()));
          html.tag("label");
          html.tag("input", input, true);
          html.text(" " + c.label());
          html.tag("/label");
        }
        html.tag("/div");
      }
    }
    Map<String, String> check = new LinkedHashMap<>();
    check.put("type", "button");
    check.put("class", "quiz-check");
    html.tag("button", check);
    html.text("Check answer");
    html.tag("/button");
    Map<String, String> feedback = new LinkedHashMap<>();
    feedback.put("class", "quiz-feedback");
    feedback.put("role", "status");
    feedback.put("aria-live", "polite");
    html.tag("p", feedback);
    html.tag("/p");
    html.tag("/fieldset");
    html.tag("/form");
    html.line();
  }
}
