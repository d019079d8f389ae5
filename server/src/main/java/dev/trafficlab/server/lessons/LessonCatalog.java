package dev.trafficlab.server.lessons;

import dev.trafficlab.server.lessons.imports.Course;
import dev.trafficlab.server.lessons.imports.ImportedScenario;
import dev.trafficlab.server.lessons.imports.ScenarioReport;
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

  /**
   * The most lessons one server holds: a sandbox reservation carries its lesson's index in one byte
   * (sandbox.Reservations).
   */
  public static final int MAX_LESSONS = 256;

  /**
   * One whole state of the catalogue: read through one volatile reference, so a reader sees the
   * lessons, their order and the courses of the same moment. Uploaded scenarios are appended (a
   * reservation names its lesson by index, so existing indexes never move).
   */
  private record State(Map<String, Lesson> lessons, List<Lesson> ordered, List<Course> courses) {
    State {
      if (lessons.size() > MAX_LESSONS) {
        throw new IllegalStateException(
            "too many lessons: "
                + lessons.size()
                + " found, and Traffic Lab serves at most "
                + MAX_LESSONS
                + " (a sandbox's reservation names its lesson in one byte); point LESSONS_DIR at"
                + " fewer scenarios");
      }
      ordered = List.copyOf(lessons.values());
      lessons = Map.copyOf(lessons);
      courses = List.copyOf(courses);
    }
  }

  private volatile State state;

  private LessonCatalog(Map<String, Lesson> lessons) {
    this(lessons, List.of());
  }

  private LessonCatalog(Map<String, Lesson> lessons, List<Course> courses) {
    this.state = new State(lessons, List.of(), courses);
  }

  /**
   * The packaged lessons, and beside them every scenario found below the LESSONS_DIR folders
   * (Katacoda or Killercoda scenarios, or lessons in Traffic Lab's own format). A scenario that
   * cannot load, or a lesson id (folder name) found twice, stops the server with a message naming
   * the folders.
   */
  public static LessonCatalog load(List<Path> lessonsDirs, Clock clock) {
    LessonCatalog packaged = fromClasspath(clock);
    if (lessonsDirs.isEmpty()) {
      return packaged;
    }
    Imports found = Imports.read(lessonsDirs, packagedAssets(), clock);
    List<ScenarioReport> broken = found.reports().stream().filter(r -> !r.loads()).toList();
    if (!broken.isEmpty()) {
      StringBuilder why = new StringBuilder();
      for (ScenarioReport r : broken) {
        why.append(r.location()).append(": ").append(r.error().orElseThrow()).append("; ");
      }
      throw new IllegalStateException(
          broken.size()
              + " scenario(s) of LESSONS_DIR cannot load (java -jar traffic-lab.jar check-lessons"
              + " DIR says more): "
              + why.substring(0, why.length() - 2));
    }
    return packaged.plus(found.lessons(), found.courses());
  }

  /** This catalogue with more lessons (and courses) after its own; an id used twice is an error. */
  public LessonCatalog plus(List<Lesson> more, List<Course> moreCourses) {
    Map<String, Lesson> all = new LinkedHashMap<>(state.lessons());
    for (Lesson l : more) {
      Lesson there = all.get(l.id());
      if (there != null) {
        throw new IllegalStateException(
            "two lessons have the id \""
                + l.id()
                + "\" (a lesson's id is its folder name): "
                + there.origin().location()
                + " and "
                + l.origin().location()
                + "; rename one of the folders");
      }
      all.put(l.id(), l);
    }
    List<Lesson> sorted = new java.util.ArrayList<>(all.values());
    sorted.sort(java.util.Comparator.comparingInt(Lesson::order));
    Map<String, Lesson> ordered = new LinkedHashMap<>();
    sorted.forEach(l -> ordered.put(l.id(), l));
    List<Course> allCourses = new java.util.ArrayList<>(state.courses());
    allCourses.addAll(moreCourses);
    return new LessonCatalog(ordered, allCourses);
  }

  /**
   * Adds uploaded lessons at the end of this catalogue, as one step (the lessons already there keep
   * their places). Refused, changing nothing, when an id is taken or the limit is reached.
   */
  public synchronized void add(List<Lesson> more, List<Course> moreCourses) {
    State now = state;
    Map<String, Lesson> all = new LinkedHashMap<>();
    now.ordered().forEach(l -> all.put(l.id(), l));
    for (Lesson l : more) {
      if (all.containsKey(l.id())) {
        throw new IllegalArgumentException(
            "a lesson with the id \""
                + l.id()
                + "\" exists already ("
                + all.get(l.id()).origin().location()
                + "): rename the scenario's folder");
      }
      all.put(l.id(), l);
    }
    List<Course> allCourses = new java.util.ArrayList<>(now.courses());
    allCourses.addAll(moreCourses);
    try {
      state = new State(all, List.of(), allCourses);
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The courses (structure.json, NAME-pathway.json) that order imported scenarios. */
  public List<Course> courses() {
    return state.courses();
  }

  /** The import report of an imported scenario; empty for a packaged lesson. */
  public Optional<ScenarioReport> report(String id) {
    return lesson(id).flatMap(l -> l.origin().imported()).map(ImportedScenario::report);
  }

  /**
   * The packaged scenarios/assets folder: the Istio 1.8.1 release every sandbox has under /root.
   */
  public static Path packagedAssets() {
    return packagedRoot().resolve(ASSETS_FOLDER);
  }

  private static Path packagedRoot() {
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
        return fs.getPath("/scenarios");
      }
      return Path.of(uri);
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException(
          "cannot read the lessons at " + url + ": " + e.getMessage(), e);
    }
  }

  /**
   * The lessons packaged with the server (classpath folder scenarios/, inside the jar or on disk).
   */
  public static LessonCatalog fromClasspath(Clock clock) {
    return fromDirectory(packagedRoot(), clock);
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
    // Side by side: at start-up most of a lesson's reading is the JVM loading and interpreting
    // classes for the first time, and the other core is otherwise idle by then.
    List<Lesson> sorted =
        new java.util.ArrayList<>(
            folders.parallelStream().map(folder -> reader.load(name(folder), folder)).toList());
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
    List<Lesson> ordered = state.ordered();
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
    return state.ordered();
  }

  public Optional<Lesson> lesson(String id) {
    return Optional.ofNullable(id == null ? null : state.lessons().get(id));
  }

  /** The lesson a sandbox gets when nobody names one: the first of the catalogue. */
  public Lesson defaultLesson() {
    return state.ordered().get(0);
  }
}
