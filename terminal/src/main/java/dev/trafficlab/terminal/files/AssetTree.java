package dev.trafficlab.terminal.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The immutable lesson files every sandbox starts from: classpath {@code scenarios/assets/**} mounted at /root.
 * Loaded once per process and shared by every sandbox.
 */
public final class AssetTree {
  static final String CLASSPATH_ROOT = "scenarios/assets/";

  private static volatile AssetTree lessonAssets;

  private final NavigableMap<String, String> files;
  private final java.util.Set<String> directories;

  private AssetTree(NavigableMap<String, String> files) {
    this.files = Collections.unmodifiableNavigableMap(files);
    java.util.TreeSet<String> dirs = new java.util.TreeSet<>(java.util.List.of("/", SandboxFiles.HOME, "/tmp"));
    for (String f : files.keySet()) {
      for (String d = VirtualPaths.parent(f); !d.equals("/"); d = VirtualPaths.parent(d)) {
        dirs.add(d);
      }
    }
    this.directories = Collections.unmodifiableSet(dirs);
  }

  java.util.Set<String> directories() {
    return directories;
  }

  /** A tree of these files: absolute sandbox path to content (tests, or other lessons). */
  public static AssetTree of(Map<String, String> files) {
    TreeMap<String, String> copy = new TreeMap<>();
    files.forEach((p, c) -> copy.put(VirtualPaths.normalize("/", p), c));
    return new AssetTree(copy);
  }

  /** The lesson assets from the classpath (read once; later calls return the same tree). */
  public static AssetTree lessonAssets() {
    AssetTree t = lessonAssets;
    if (t == null) {
      synchronized (AssetTree.class) {
        t = lessonAssets;
        if (t == null) {
          t = new AssetTree(load(AssetTree.class.getClassLoader()));
          lessonAssets = t;
        }
      }
    }
    return t;
  }

  NavigableMap<String, String> files() {
    return files;
  }

  private static NavigableMap<String, String> load(ClassLoader loader) {
    TreeMap<String, String> out = new TreeMap<>();
    try {
      Enumeration<URL> roots = loader.getResources(CLASSPATH_ROOT);
      while (roots.hasMoreElements()) {
        URL url = roots.nextElement();
        if ("file".equals(url.getProtocol())) {
          loadDirectory(Paths.get(url.toURI()), out);
        } else if ("jar".equals(url.getProtocol())) {
          loadJar(url, out);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the lesson assets", e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot read the lesson assets", e);
    }
    return out;
  }

  private static void loadDirectory(Path root, TreeMap<String, String> out) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        String rel = root.relativize(p).toString().replace('\\', '/');
        out.putIfAbsent(SandboxFiles.HOME + "/" + rel, Files.readString(p, StandardCharsets.UTF_8));
      }
    }
  }

  private static void loadJar(URL url, TreeMap<String, String> out) throws IOException {
    JarURLConnection conn = (JarURLConnection) url.openConnection();
    conn.setUseCaches(false);
    try (JarFile jar = conn.getJarFile()) {
      Enumeration<JarEntry> entries = jar.entries();
      while (entries.hasMoreElements()) {
        JarEntry e = entries.nextElement();
        if (e.isDirectory() || !e.getName().startsWith(CLASSPATH_ROOT)) {
          continue;
        }
        try (InputStream in = jar.getInputStream(e)) {
          String rel = e.getName().substring(CLASSPATH_ROOT.length());
          out.putIfAbsent(SandboxFiles.HOME + "/" + rel, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    }
  }
}
