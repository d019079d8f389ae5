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
}
