package dev.trafficlab.terminal.completion;

import java.util.List;

/**
 * What Tab offers for a command line: the word that starts at {@code from} (up to the end of the
 * line) may be replaced by any of {@code candidates}, sorted. One candidate completes the word (a
 * directory keeps its trailing slash and takes no space); several are listed on a second Tab, as
 * bash does, after their common prefix was inserted.
 */
public record Completion(int from, List<String> candidates) {
  public Completion {
    candidates = List.copyOf(candidates);
  }

  public static Completion none(int from) {
    return new Completion(from, List.of());
  }

  /** The longest start every candidate shares (what one Tab inserts when there are several). */
  public String commonPrefix() {
    if (candidates.isEmpty()) {
      return "";
    }
    String first = candidates.get(0);
    int n = first.length();
    for (String c : candidates) {
      int i = 0;
      while (i < n && i < c.length() && c.charAt(i) == first.charAt(i)) {
        i++;
      }
      n = i;
    }
    return first.substring(0, n);
  }
}
