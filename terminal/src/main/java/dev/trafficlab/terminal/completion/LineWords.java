package dev.trafficlab.terminal.completion;

import java.util.ArrayList;
import java.util.List;

/**
 * The words of the simple command the cursor is in, as far as Tab needs them: the finished words
 * before the cursor (quotes removed), and the word being typed with where it starts. A pipe, {@code
 * ;}, {@code &&}, {@code ||} or an opening parenthesis starts a new command, so after {@code |} the
 * first word is again a command name.
 */
record LineWords(List<String> before, String current, int currentStart) {

  static LineWords of(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    int start = 0;
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
        continue;
      }
      if (c == '\'' || c == '"') {
        if (!inWord) {
          inWord = true;
          start = i;
        }
        quote = c;
        continue;
      }
      if (c == '\\' && i + 1 < line.length()) {
        if (!inWord) {
          inWord = true;
          start = i;
        }
        word.append(line.charAt(++i));
        continue;
      }
      boolean separator = c == '|' || c == ';' || c == '&' || c == '(' || c == ')' || c == '`';
      if (Character.isWhitespace(c) || separator) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
        if (separator) {
          words.clear();
        }
        start = i + 1;
        continue;
      }
      if (!inWord) {
        inWord = true;
        start = i;
      }
      word.append(c);
    }
    return new LineWords(words, inWord ? word.toString() : "", inWord ? start : line.length());
  }
}
