package dev.trafficlab.terminal.files;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Path arithmetic inside a sandbox: every path normalises to an absolute path under /, and ".."
 * stops at /.
 */
public final class VirtualPaths {
  private VirtualPaths() {}

  /**
   * {@code path} resolved against {@code cwd} (both may be relative to /), without ".", ".." or
   * double slashes.
   */
  public static String normalize(String cwd, String path) {
    String full = path.startsWith("/") ? path : (cwd == null ? "/" : cwd) + "/" + path;
    Deque<String> parts = new ArrayDeque<>();
    for (String seg : full.split("/")) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(seg);
      }
    }
    return parts.isEmpty() ? "/" : "/" + String.join("/", parts);
  }

  public static String parent(String abs) {
    int i = abs.lastIndexOf('/');
    return i <= 0 ? "/" : abs.substring(0, i);
  }

  public static String name(String abs) {
    return abs.equals("/") ? "/" : abs.substring(abs.lastIndexOf('/') + 1);
  }

  /** True when {@code path} is {@code dir} or inside it. */
  public static boolean within(String path, String dir) {
    return dir.equals("/") || path.equals(dir) || path.startsWith(dir + "/");
  }
}
