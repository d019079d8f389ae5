package dev.trafficlab.server.files;

/**
 * A sandbox's private file system rooted at /, holding /root with the lesson assets (istio-1.8.1/...).
 * Copy-on-write over a shared immutable base, so a new sandbox costs nothing until a file changes.
 * (Contract stub: the terminal work fills this in.)
 */
public final class SandboxFiles {
  private SandboxFiles() {}

  /** A fresh file system over the shared lesson assets. */
  public static SandboxFiles fromLessonAssets() {
    return new SandboxFiles();
  }

  /** Back to the lesson start: every change dropped. */
  public void reset() {
  }
}
