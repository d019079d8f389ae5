package dev.trafficlab.server.lessons.imports;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The scenario folders below one LESSONS_DIR entry (each folder with an index.json; the search does
 * not go into a scenario, nor into assets/ or hidden folders) and the courses that order them: a
 * Killercoda structure.json ({"items": [{"path": ...}]}) or a Katacoda NAME-pathway.json ({"title",
 * "courses": [{"course_id"}]}).
 *
 * @param warnings what a course file said that does not fit (a scenario it names is missing)
 */
public record ScenarioFolders(List<Folder> folders, List<Course> courses, List<String> warnings) {

  /** How deep below the entry a scenario may be (entry/repository/group/scenario). */
  static final int MAX_DEPTH = 4;

  /** The biggest structure.json or pathway file read. */
  static final long MAX_COURSE_FILE_BYTES = 1024 * 1024;

  /** The most folders looked at below one entry. */
  static final int MAX_FOLDERS = 20_000;

  /**
   * One scenario folder.
   *
   * @param id its folder name: the lesson id
   * @param relative its path below the LESSONS_DIR entry (the entry's name when it is the entry)
   */
  public record Folder(String id, Path path, String relative) {}

  public static ScenarioFolders find(Path root) {
    if (!Files.isDirectory(root)) {
      throw new IllegalStateException("the lessons folder " + root + " does not exist");
    }
    List<Folder> folders = new ArrayList<>();
    List<Course> courses = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Path top = root.toAbsolutePath().normalize();
    if (Files.isRegularFile(top.resolve("index.json"))) {
      String name = top.getFileName().toString();
      return new ScenarioFolders(List.of(new Folder(name, top, name)), List.of(), List.of());
    }
    List<Path> level = List.of(top);
    int seen = 0;
    for (int depth = 0; depth < MAX_DEPTH && !level.isEmpty(); depth++) {
      List<Path> next = new ArrayList<>();
      for (Path dir : level) {
        courses(top, dir, courses, warnings);
        for (Path child : children(dir)) {
          if (++seen > MAX_FOLDERS) {
            throw new IllegalStateException(
                "more than " + MAX_FOLDERS + " folders below " + root + ": name a smaller folder");
          }
          if (Files.isRegularFile(child.resolve("index.json"))) {
            folders.add(
                new Folder(
                    child.getFileName().toString(),
                    child,
                    top.relativize(child).toString().replace('\\', '/')));
          } else {
            next.add(child);
          }
        }
      }
      level = next;
    }
    Set<String> ids = new LinkedHashSet<>();
    folders.forEach(f -> ids.add(f.id()));
    List<Course> known = new ArrayList<>();
    for (Course c : courses) {
      List<String> present = c.lessons().stream().filter(ids::contains).toList();
      c.lessons().stream()
          .filter(id -> !ids.contains(id))
          .forEach(
              id ->
                  warnings.add("course \"" + c.title() + "\" names " + id + ", which is not here"));
      if (!present.isEmpty()) {
        known.add(new Course(c.title(), c.description(), present));
      }
    }
    return new ScenarioFolders(folders, known, warnings);
  }

  private static List<Path> children(Path dir) {
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(Files::isDirectory)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(p -> !p.getFileName().toString().equals("assets"))
          .filter(p -> !Files.isSymbolicLink(p))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static void courses(Path top, Path dir, List<Course> courses, List<String> warnings) {
    try {
      readCourses(top, dir, courses, warnings);
    } catch (ClassCastException e) {
      warnings.add(
          "a course file in " + dir.getFileName() + " has a value of the wrong type: ignored");
    }
  }

  private static void readCourses(Path top, Path dir, List<Course> courses, List<String> warnings) {
    Path structure = dir.resolve("structure.json");
    if (Files.isRegularFile(structure)) {
      JsonObject json = json(structure, warnings);
      if (json != null) {
        List<String> ids = new ArrayList<>();
        for (Object item : json.getJsonArray("items", new JsonArray())) {
          if (item instanceof JsonObject o && o.getString("path") != null) {
            String p = o.getString("path").replaceAll("/+$", "");
            ids.add(p.substring(p.lastIndexOf('/') + 1));
          }
        }
        String title =
            json.getString(
                "title",
                dir.equals(top) ? dir.getFileName().toString() : dir.getFileName().toString());
        courses.add(new Course(title, json.getString("description", ""), ids));
      }
    }
    try (Stream<Path> list = Files.list(dir)) {
      for (Path p :
          list.filter(f -> f.getFileName().toString().endsWith("-pathway.json"))
              .sorted()
              .toList()) {
        JsonObject json = json(p, warnings);
        if (json == null) {
          continue;
        }
        List<String> ids = new ArrayList<>();
        for (Object c : json.getJsonArray("courses", new JsonArray())) {
          if (c instanceof JsonObject o && o.getString("course_id") != null) {
            ids.add(o.getString("course_id"));
          } else if (c instanceof JsonObject o && o.containsKey("external_link")) {
            warnings.add(
                p.getFileName()
                    + ": the external course "
                    + o.getValue("external_link")
                    + " is left out");
          }
        }
        String name = p.getFileName().toString();
        courses.add(
            new Course(
                json.getString(
                    "title", name.substring(0, name.length() - "-pathway.json".length())),
                json.getString("description", ""),
                ids));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static JsonObject json(Path file, List<String> warnings) {
    try {
      if (Files.size(file) > MAX_COURSE_FILE_BYTES) {
        warnings.add(file.getFileName() + " is larger than 1 MB: ignored");
        return null;
      }
      return new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      warnings.add(file.getFileName() + " is not a JSON object: ignored (" + e.getMessage() + ")");
      return null;
    }
  }
}
