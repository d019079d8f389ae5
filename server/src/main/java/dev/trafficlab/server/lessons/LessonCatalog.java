package dev.trafficlab.server.lessons;

import dev.trafficlab.terminal.files.SandboxFiles;
import dev.trafficlab.server.lessons.checks.Check;
import dev.trafficlab.server.lessons.markdown.LessonMarkdown;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every lesson under scenarios/: one folder per lesson holding a Katacoda-style index.json and one Markdown file
 * per page. Loaded once at start-up (a broken lesson stops the server with a message naming the file, rather
 * than failing in front of a learner); immutable afterwards.
 */
public final class LessonCatalog {
  /** Where lesson assets live; in the sandbox this folder is /root. */
  public static final String ASSETS_FOLDER = "assets";

  private final Map<String, Lesson> lessons;
  private final Path root;

  private LessonCatalog(Map<String, Lesson> lessons, Path root) {
    this.lessons = Collections.unmodifiableMap(lessons);
    this.root = root;
  }

  /** The lessons packaged with the server (classpath folder scenarios/, inside the jar or on disk). */
  public static LessonCatalog fromClasspath() {
    URL url = LessonCatalog.class.getClassLoader().getResource("scenarios");
    if (url == null) {
      throw new IllegalStateException("no scenarios/ folder on the classpath: the lessons are missing from the build");
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
        return fromDirectory(fs.getPath("/scenarios"));
      }
      return fromDirectory(Path.of(uri));
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot read the lessons at " + url + ": " + e.getMessage(), e);
    }
  }

  /** The lessons in a scenarios folder: every sub-folder that has an index.json. */
  public static LessonCatalog fromDirectory(Path scenarios) {
    Map<String, Lesson> found = new LinkedHashMap<>();
    List<Path> folders;
    try (Stream<Path> list = Files.list(scenarios)) {
      folders = list.filter(p -> Files.isRegularFile(p.resolve("index.json"))).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list lessons in " + scenarios, e);
    }
    LessonMarkdown markdown = new LessonMarkdown();
    for (Path folder : folders) {
      String id = folder.getFileName().toString().replace("/", "");
      found.put(id, load(id, folder, markdown));
    }
    return new LessonCatalog(found, scenarios);
  }

  public List<Lesson> lessons() {
    return List.copyOf(lessons.values());
  }

  public Optional<Lesson> lesson(String id) {
    return Optional.ofNullable(lessons.get(id));
  }

  /** A lesson asset by its path under /root (istio-1.8.1/samples/...), as packaged. */
  public String readAsset(String pathUnderRoot) {
    String home = SandboxFiles.HOME + "/";
    String relative = pathUnderRoot.startsWith(home) ? pathUnderRoot.substring(home.length()) : pathUnderRoot;
    Path assets = root.resolve(ASSETS_FOLDER).normalize();
    Path file = assets.resolve(relative).normalize();
    if (!file.startsWith(assets) || !Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no lesson asset " + pathUnderRoot);
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read lesson asset " + pathUnderRoot, e);
    }
  }

  private static Lesson load(String id, Path folder, LessonMarkdown markdown) {
    Path indexFile = folder.resolve("index.json");
    JsonObject index;
    try {
      index = new JsonObject(Files.readString(indexFile, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + indexFile, e);
    } catch (DecodeException e) {
      throw new IllegalStateException(indexFile + " is not valid JSON: " + e.getMessage(), e);
    }
    JsonObject details = index.getJsonObject("details", new JsonObject());
    LessonPage intro = page(folder, details.getJsonObject("intro"), "Introduction", markdown);
    LessonPage finish = page(folder, details.getJsonObject("finish"), "Finished", markdown);
    List<LessonStep> steps = new ArrayList<>();
    JsonArray stepList = details.getJsonArray("steps", new JsonArray());
    for (int i = 0; i < stepList.size(); i++) {
      JsonObject s = stepList.getJsonObject(i);
      String text = read(folder, required(s, "text", indexFile + " step " + (i + 1)));
      Check check;
      try {
        check = Check.fromJson(s.getJsonObject("check"));
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(indexFile + " step " + (i + 1) + ": " + e.getMessage(), e);
      }
      steps.add(new LessonStep(i + 1, s.getString("title", "Step " + (i + 1)), text, markdown.render(text), check));
    }
    List<String> start = new ArrayList<>();
    JsonObject startObj = index.getJsonObject("start", new JsonObject());
    for (Object f : startObj.getJsonArray("apply", new JsonArray())) {
      start.add(String.valueOf(f));
    }
    return new Lesson(id, required(index, "title", indexFile.toString()), index.getString("description", ""),
        index.getString("time", ""), index.getString("difficulty", ""), intro, steps, finish, start);
  }

  private static LessonPage page(Path folder, JsonObject spec, String defaultTitle, LessonMarkdown markdown) {
    if (spec == null || spec.getString("text") == null) {
      return new LessonPage(defaultTitle, "", "");
    }
    String text = read(folder, spec.getString("text"));
    return new LessonPage(spec.getString("title", defaultTitle), text, markdown.render(text));
  }

  private static String required(JsonObject o, String key, String where) {
    String v = o.getString(key);
    if (v == null || v.isBlank()) {
      throw new IllegalStateException(where + ": \"" + key + "\" is missing");
    }
    return v;
  }

  private static String read(Path folder, String name) {
    Path file = folder.resolve(name).normalize();
    if (!file.startsWith(folder)) {
      throw new IllegalStateException("lesson file " + name + " lies outside " + folder);
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read lesson file " + file, e);
    }
  }
}
