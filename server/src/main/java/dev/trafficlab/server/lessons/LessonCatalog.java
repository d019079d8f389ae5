package dev.trafficlab.server.lessons;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every lesson of the server, from one scenarios folder: each sub-folder with an index.json is a
 * lesson (its id is the folder's name), and scenarios/assets/ holds the files all lessons share.
 * Adding a lesson is adding a folder. Loaded once at start-up (a broken lesson stops the server
 * with a message naming the file, rather than failing in front of a learner); immutable afterwards.
 */
public final class LessonCatalog {
  /**
   * The folder of scenarios/ every lesson's sandboxes see under /root, before the lesson's own
   * assets.
   */
  public static final String ASSETS_FOLDER = "assets";

  private final Map<String, Lesson> lessons;
  private final List<Lesson> ordered;

  private LessonCatalog(Map<String, Lesson> lessons) {
    this.lessons = Map.copyOf(lessons);
    this.ordered = List.copyOf(lessons.values());
  }

  /**
   * The lessons packaged with the server (classpath folder scenarios/, inside the jar or on disk).
   */
  public static LessonCatalog fromClasspath(Clock clock) {
    URL url = LessonCatalog.class.getClassLoader().getResource("scenarios");
    if (url == null) {
      throw new IllegalStateException(
          "no scenarios/ folder on the classpath: the lessons are missing from the build");
    }
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        FileSystem fs;
        try {
          fs = FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
          fs = FileSystems.getFileSystem(uri);
        }
        return fromDirectory(fs.getPath("/scenarios"), clock);
      }
      return fromDirectory(Path.of(uri), clock);
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException(
          "cannot read the lessons at " + url + ": " + e.getMessage(), e);
    }
  }

  /** {@link #fromClasspath(Clock)} with start states created now. */
  public static LessonCatalog fromClasspath() {
    return fromClasspath(Clock.systemUTC());
  }

  /**
   * The lessons in a scenarios folder (LESSONS_DIR), ordered by their index.json "order", then by
   * folder name.
   */
  public static LessonCatalog fromDirectory(Path scenarios, Clock clock) {
    if (!Files.isDirectory(scenarios)) {
      throw new IllegalStateException("the lessons folder " + scenarios + " does not exist");
    }
    List<Path> folders;
    try (Stream<Path> list = Files.list(scenarios)) {
      folders =
          list.filter(p -> Files.isRegularFile(p.resolve("index.json")))
              .sorted((a, b) -> name(a).compareTo(name(b)))
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list lessons in " + scenarios, e);
    }
    if (folders.isEmpty()) {
      throw new IllegalStateException(
          "no lesson in " + scenarios + ": a lesson is a folder with an index.json");
    }
    Path shared = scenarios.resolve(ASSETS_FOLDER);
    LessonFolder reader =
        new LessonFolder(Files.isDirectory(shared) ? Optional.of(shared) : Optional.empty(), clock);
    Map<String, Lesson> found = new LinkedHashMap<>();
    for (Path folder : folders) {
      found.put(name(folder), reader.load(name(folder), folder));
    }
    List<Lesson> sorted = new java.util.ArrayList<>(found.values());
    // stable: lessons of the same order stay in folder-name order
    sorted.sort(java.util.Comparator.comparingInt(Lesson::order));
    Map<String, Lesson> ordered = new LinkedHashMap<>();
    sorted.forEach(l -> ordered.put(l.id(), l));
    return new LessonCatalog(ordered);
  }

  /**
   * The lesson after this one in the catalogue, which its finish page suggests; empty for the last.
   */
  public Optional<Lesson> next(Lesson lesson) {
    int i = ordered.indexOf(lesson);
    return i >= 0 && i + 1 < ordered.size() ? Optional.of(ordered.get(i + 1)) : Optional.empty();
  }

  /** {@link #fromDirectory(Path, Clock)} with start states created now. */
  public static LessonCatalog fromDirectory(Path scenarios) {
    return fromDirectory(scenarios, Clock.systemUTC());
  }

  private static String name(Path folder) {
    return folder.getFileName().toString().replace("/", "");
  }

  /** Every lesson, in catalogue order ("order", then folder name). */
  public List<Lesson> lessons() {
    return ordered;
  }

  public Optional<Lesson> lesson(String id) {
    return Optional.ofNullable(id == null ? null : lessons.get(id));
  }

  /** The lesson a sandbox gets when nobody names one: the first of the catalogue. */
  public Lesson defaultLesson() {
    return ordered.get(0);
  }
}
