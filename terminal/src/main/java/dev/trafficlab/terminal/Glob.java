package dev.trafficlab.terminal;

import dev.trafficlab.terminal.files.FileEntry;
import dev.trafficlab.terminal.files.FilesException;
import dev.trafficlab.terminal.files.SandboxFiles;
import java.util.ArrayList;
import java.util.List;

/**
 * Pathname expansion of unquoted *, ? and [...] against the sandbox's files (no match leaves the
 * word as typed).
 */
final class Glob {
  private Glob() {}

  static void escape(StringBuilder pattern, char c) {
    if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
      pattern.append('\\');
    }
    pattern.append(c);
  }

  static List<String> expand(SandboxFiles files, String cwd, String pattern) {
    boolean absolute = pattern.startsWith("/");
    String[] parts = pattern.split("/", -1);
    List<String[]> current = new ArrayList<>();
    // each candidate: {text as typed, absolute path}
    current.add(new String[] {absolute ? "" : null, absolute ? "/" : cwd});
    for (int i = absolute ? 1 : 0; i < parts.length; i++) {
      String part = parts[i];
      boolean last = i == parts.length - 1;
      List<String[]> next = new ArrayList<>();
      for (String[] c : current) {
        if (!hasMeta(part)) {
          String name = unescape(part);
          String abs = SandboxFiles.resolve(c[1], name.isEmpty() ? "." : name);
          if (last ? files.exists(abs) || name.isEmpty() : files.isDirectory(abs)) {
            next.add(new String[] {join(c[0], name), abs});
          }
          continue;
        }
        try {
          for (FileEntry e : files.list(c[1])) {
            if (e.name().startsWith(".") && !part.startsWith(".")) {
              continue;
            }
            if (matches(part, 0, e.name(), 0) && (last || e.directory())) {
              next.add(new String[] {join(c[0], e.name()), e.path()});
            }
          }
        } catch (FilesException e) {
          // not a directory: nothing matches below it
        }
      }
      current = next;
      if (current.isEmpty()) {
        return List.of();
      }
    }
    List<String> out = new ArrayList<>();
    for (String[] c : current) {
      out.add(c[0]);
    }
    out.sort(null);
    return out;
  }

  private static String join(String prefix, String name) {
    return prefix == null ? name : prefix + "/" + name;
  }

  private static boolean hasMeta(String part) {
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '*' || c == '?' || c == '[') {
        return true;
      }
    }
    return false;
  }

  private static String unescape(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        c = s.charAt(++i);
      }
      sb.append(c);
    }
    return sb.toString();
  }

  /**
   * Glob match without backtracking blow-up: names are short, patterns come from one command line.
   */
  static boolean matches(String p, int pi, String s, int si) {
    while (pi < p.length()) {
      char c = p.charAt(pi);
      if (c == '*') {
        while (pi < p.length() && p.charAt(pi) == '*') {
          pi++;
        }
        if (pi == p.length()) {
          return true;
        }
        for (int k = si; k <= s.length(); k++) {
          if (matches(p, pi, s, k)) {
            return true;
          }
        }
        return false;
      }
      if (si >= s.length()) {
        return false;
      }
      if (c == '?') {
        pi++;
        si++;
      } else if (c == '[') {
        int end = p.indexOf(']', pi + 2);
        if (end < 0) {
          if (s.charAt(si) != '[') {
            return false;
          }
          pi++;
          si++;
          continue;
        }
        String set = p.substring(pi + 1, end);
        boolean negate = set.startsWith("!") || set.startsWith("^");
        if (negate) {
          set = set.substring(1);
        }
        boolean in = false;
        char ch = s.charAt(si);
        for (int k = 0; k < set.length(); k++) {
          if (k + 2 < set.length() && set.charAt(k + 1) == '-') {
            in |= ch >= set.charAt(k) && ch <= set.charAt(k + 2);
            k += 2;
          } else {
            in |= ch == set.charAt(k);
          }
        }
        if (in == negate) {
          return false;
        }
        pi = end + 1;
        si++;
      } else {
        if (c == '\\' && pi + 1 < p.length()) {
          c = p.charAt(++pi);
        }
        if (c != s.charAt(si)) {
          return false;
        }
        pi++;
        si++;
      }
    }
    return si == s.length();
  }

  /**
   * Whole-text match of a case or [[ == ]] pattern (* ? [...] and backslash escapes), in time
   * proportional to pattern times text: only the last * is ever retried, so a subject of any size
   * cannot make it blow up.
   */
  static boolean matchesPattern(String pattern, String text) {
    List<int[]> tokens = new ArrayList<>(); // {kind, start, end}: 0 char, 1 ?, 2 *, 3 [set]
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        tokens.add(new int[] {0, i + 1, i + 2});
        i++;
      } else if (c == '?') {
        tokens.add(new int[] {1, i, i + 1});
      } else if (c == '*') {
        tokens.add(new int[] {2, i, i + 1});
      } else if (c == '[' && pattern.indexOf(']', i + 2) > 0) {
        int end = pattern.indexOf(']', i + 2);
        tokens.add(new int[] {3, i + 1, end});
        i = end;
      } else {
        tokens.add(new int[] {0, i, i + 1});
      }
    }
    int t = 0;
    int s = 0;
    int starT = -1;
    int starS = 0;
    while (s < text.length()) {
      if (t < tokens.size() && tokens.get(t)[0] == 2) {
        starT = t++;
        starS = s;
      } else if (t < tokens.size() && matchesOne(pattern, tokens.get(t), text.charAt(s))) {
        t++;
        s++;
      } else if (starT >= 0) {
        t = starT + 1;
        s = ++starS;
      } else {
        return false;
      }
    }
    while (t < tokens.size() && tokens.get(t)[0] == 2) {
      t++;
    }
    return t == tokens.size();
  }

  private static boolean matchesOne(String pattern, int[] token, char ch) {
    switch (token[0]) {
      case 0:
        return pattern.charAt(token[1]) == ch;
      case 1:
        return true;
      default:
        String set = pattern.substring(token[1], token[2]);
        boolean negate = set.startsWith("!") || set.startsWith("^");
        if (negate) {
          set = set.substring(1);
        }
        boolean in = false;
        for (int k = 0; k < set.length(); k++) {
          if (k + 2 < set.length() && set.charAt(k + 1) == '-') {
            in |= ch >= set.charAt(k) && ch <= set.charAt(k + 2);
            k += 2;
          } else {
            in |= ch == set.charAt(k);
          }
        }
        return in != negate;
    }
  }
}
