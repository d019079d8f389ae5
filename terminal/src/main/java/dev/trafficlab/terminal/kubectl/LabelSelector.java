package dev.trafficlab.terminal.kubectl;

import dev.trafficlab.terminal.Invocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** kubectl -l: k=v, k==v, k!=v, k, !k, k in (a,b), k notin (a,b), joined by commas (AND). */
final class LabelSelector {
  private final List<Predicate<Map<String, String>>> terms;

  private LabelSelector(List<Predicate<Map<String, String>>> terms) {
    this.terms = terms;
  }

  /** The selector of -l, or null after printing kubectl's error (the caller then exits 1). */
  static LabelSelector parse(Invocation inv, String s) {
    try {
      return parse(s);
    } catch (IllegalArgumentException e) {
      inv.eprintln("error: " + e.getMessage());
      return null;
    }
  }

  private static LabelSelector parse(String s) {
    List<Predicate<Map<String, String>>> terms = new ArrayList<>();
    if (s == null || s.isBlank()) {
      return new LabelSelector(terms);
    }
    for (String raw : splitTop(s)) {
      String t = raw.trim();
      if (t.isEmpty()) {
        throw new IllegalArgumentException(
            "unable to parse requirement: found '', expected: identifier");
      }
      java.util.regex.Matcher set =
          java.util.regex.Pattern.compile("([^\\s!=]+)\\s+(in|notin)\\s*\\(([^)]*)\\)").matcher(t);
      if (set.matches()) {
        String key = set.group(1);
        Set<String> values = Set.of(set.group(3).replace(" ", "").split(","));
        boolean in = set.group(2).equals("in");
        terms.add(l -> in ? values.contains(l.get(key)) : !values.contains(l.get(key)));
      } else if (t.contains("!=")) {
        String key = t.substring(0, t.indexOf("!=")).trim();
        String v = t.substring(t.indexOf("!=") + 2).trim();
        terms.add(l -> !v.equals(l.get(key)));
      } else if (t.contains("=")) {
        String key = t.substring(0, t.indexOf('=')).trim();
        String v = t.substring(t.lastIndexOf('=') + 1).trim();
        terms.add(l -> v.equals(l.get(key)));
      } else if (t.startsWith("!")) {
        String key = t.substring(1).trim();
        terms.add(l -> !l.containsKey(key));
      } else {
        terms.add(l -> l.containsKey(t));
      }
    }
    return new LabelSelector(terms);
  }

  private static List<String> splitTop(String s) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    StringBuilder cur = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      }
      if (c == ',' && depth == 0) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }

  boolean matches(Map<String, String> labels) {
    return terms.stream().allMatch(t -> t.test(labels));
  }
}
