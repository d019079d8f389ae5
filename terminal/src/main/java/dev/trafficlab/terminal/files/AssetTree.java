package dev.trafficlab.terminal.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The immutable files a lesson's sandboxes start from, mounted at /root. Built once per lesson and
 * shared by every sandbox of that lesson.
 */
public final class AssetTree {
  private final NavigableMap<String, String> files;
  private final Set<String> directories;

  private AssetTree(NavigableMap<String, String> files) {
    this.files = Collections.unmodifiableNavigableMap(files);
    TreeSet<String> dirs = new TreeSet<>(List.of("/", SandboxFiles.HOME, "/tmp"));
    for (String f : files.keySet()) {
      for (String d = VirtualPaths.parent(f); !d.equals("/"); d = VirtualPaths.parent(d)) {
        dirs.add(d);
      }
    }
    this.directories = Collections.unmodifiableSet(dirs);
  }

  Set<String> directories() {
    return directories;
  }

  /** A tree of these files: absolute sandbox path to content. */
  public static AssetTree of(Map<String, String> files) {
    TreeMap<String, String> copy = new TreeMap<>();
    files.forEach((p, c) -> copy.put(VirtualPaths.normalize("/", p), c));
    return new AssetTree(copy);
  }

  /**
   * Every file under these folders (on disk or inside a jar), mounted at /root; a file in a later
   * folder replaces one at the same path in an earlier folder, so a lesson's own assets override
   * the shared ones.
   */
  public static AssetTree read(List<Path> roots) {
    TreeMap<String, String> out = new TreeMap<>();
    for (Path root : roots) {
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
          String rel = root.relativize(p).toString().replace('\\', '/');
          out.put(SandboxFiles.HOME + "/" + rel, Files.readString(p, StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot read the lesson files under " + root + ": " + e.getMessage(), e);
      }
    }
    return new AssetTree(out);
  }

  /**
   * This tree with more files (absolute sandbox paths, anywhere in the sandbox: an imported
   * scenario's assets go to their targets, /usr/local/bin or /ks as well as /root); a given file
   * replaces one at the same path.
   */
  public AssetTree with(Map<String, String> more) {
    if (more.isEmpty()) {
      return this;
    }
    TreeMap<String, String> copy = new TreeMap<>(files);
    more.forEach((p, c) -> copy.put(VirtualPaths.normalize("/", p), c));
    return new AssetTree(copy);
  }

  /** The content of a file of this tree (absolute sandbox path), if it holds one. */
  public Optional<String> file(String path) {
    return Optional.ofNullable(files.get(VirtualPaths.normalize("/", path)));
  }

  NavigableMap<String, String> files() {
    return files;
  }
}
