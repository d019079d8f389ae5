package dev.trafficlab.server.lessons.markdown;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * One question of Katacoda's quiz syntax: {@code >>Q1: text<<} and the answer lines under it,
 * {@code === exact}, {@code =~= contained}, {@code [*] right} / {@code [ ] wrong} (several right
 * answers) or {@code (*) right} / {@code ( ) wrong} (one).
 */
record KatacodaQuiz(String question, Kind kind, List<Choice> choices, String expected) {
  enum Kind {
    EXACT,
    CONTAINS,
    MULTIPLE,
    SINGLE
  }

  record Choice(String label, boolean right) {}

  /** Reads a block {@link MarkedSource} made; lines after the first are answer lines. */
  static KatacodaQuiz parse(String block) {
    String[] lines = block.strip().split("\n");
    Matcher q = MarkedSource.question(lines[0]);
    String question = q.matches() ? q.group(1).strip() : lines[0].strip();
    Kind kind = null;
    String expected = null;
    List<Choice> choices = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      Matcher a = MarkedSource.answer(lines[i]);
      if (!a.matches()) {
        continue;
      }
      String syntax = a.group(1);
      String text = a.group(2).strip();
      if (syntax.equals("===") || syntax.equals("=~=")) {
        if (kind == null) {
          kind = syntax.equals("===") ? Kind.EXACT : Kind.CONTAINS;
          expected = text;
        }
      } else {
        Kind choiceKind = syntax.startsWith("[") ? Kind.MULTIPLE : Kind.SINGLE;
        if (kind == null) {
          kind = choiceKind;
        }
        if (kind == choiceKind) {
          choices.add(new Choice(text, syntax.length() == 3 && syntax.charAt(1) != ' '));
        }
      }
    }
    return new KatacodaQuiz(question, kind == null ? Kind.EXACT : kind, choices, expected);
  }
}
