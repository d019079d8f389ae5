package dev.trafficlab.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openqa.selenium.json.Json;

/**
 * The lessons as their authors wrote them (scenarios/: an index.json and one Markdown file a page),
 * read independently of the server, so the tests can tell whether the server shows and runs what
 * the lesson says. Understands Katacoda's markers: {@code `cmd`{{execute}}}, fenced blocks followed
 * by {{execute}}, and {@code `path`{{open}}}.
 */
final class LessonSource {
  private static final Pattern MARKER =
      Pattern.compile(
          "```[^\\n]*\\n(.*?)\\n?```\\{\\{(execute|open|copy)[^}]*}}"
              + "|``\\s?(.+?)\\s?``\\{\\{(execute|open|copy)[^}]*}}"
              + "|`([^`\\n]+)`\\{\\{(execute|open|copy)[^}]*}}",
          Pattern.DOTALL);

  enum Kind {
    EXECUTE,
    OPEN
  }

  record Action(Kind kind, String text) {}

  /** One page of a lesson: the intro, a step (number from 1) or the finish. */
  /**
   * @param failingCommands the commands index.json lists as expected to fail on this page
   */
  record Page(
      String name, int step, String title, List<Action> actions, List<String> failingCommands) {
    List<String> commands() {
      return actions.stream().filter(a -> a.kind() == Kind.EXECUTE).map(Action::text).toList();
    }
  }

  record Lesson(String id, String title, List<Page> pages) {
    List<Page> steps() {
      return pages.stream().filter(p -> p.step() > 0).toList();
    }
  }

  private LessonSource() {}

  /** Every lesson folder under the scenarios directory (a folder with an index.json). */
  static List<Lesson> all(Path scenarios) {
    try (Stream<Path> dirs = Files.list(scenarios)) {
      return dirs.filter(d -> Files.isRegularFile(d.resolve("index.json")))
          .sorted()
          .map(LessonSource::read)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the lessons in " + scenarios, e);
    }
  }

  static Lesson read(Path dir) {
    Map<String, Object> index;
    try {
      index = new Json().toType(Files.readString(dir.resolve("index.json")), Json.MAP_TYPE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Object> details = index.get("details") instanceof Map<?, ?> m ? cast(m) : index;
    List<Page> pages = new ArrayList<>();
    page(dir, "intro", 0, details.get("intro")).ifPresent(pages::add);
    Object steps = details.get("steps");
    if (!(steps instanceof List<?> list) || list.isEmpty()) {
      throw new AssertionError(dir.resolve("index.json") + " lists no steps");
    }
    for (int i = 0; i < list.size(); i++) {
      pages.add(
          page(dir, "step " + (i + 1), i + 1, list.get(i))
              .orElseThrow(
                  () ->
                      new AssertionError(
                          "a step without a Markdown file in " + dir.resolve("index.json"))));
    }
    page(dir, "finish", 0, details.get("finish")).ifPresent(pages::add);
    return new Lesson(
        dir.getFileName().toString(), String.valueOf(index.getOrDefault("title", "")), pages);
  }

  private static java.util.Optional<Page> page(Path dir, String name, int step, Object entry) {
    String file = null;
    String title = "";
    List<String> failing = List.of();
    if (entry instanceof String s) {
      file = s;
    } else if (entry instanceof Map<?, ?> m) {
      for (String key : List.of("text", "file", "markdown", "path")) {
        if (m.get(key) instanceof String s && s.endsWith(".md")) {
          file = s;
          break;
        }
      }
      title = m.get("title") instanceof String t ? t : "";
      if (m.get("failingCommands") instanceof List<?> f) {
        failing = f.stream().map(String::valueOf).toList();
      }
    }
    if (file == null) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(
          new Page(name, step, title, actions(Files.readString(dir.resolve(file))), failing));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "The lesson " + dir + " names " + file + ", which cannot be read", e);
    }
  }

  /** The {{execute}} and {{open}} markers of a Markdown text, in the order they appear. */
  static List<Action> actions(String markdown) {
    List<Action> actions = new ArrayList<>();
    Matcher m = MARKER.matcher(markdown);
    while (m.find()) {
      for (int g = 1; g <= 5; g += 2) {
        if (m.group(g) != null) {
          String marker = m.group(g + 1);
          if (!marker.equals("copy")) {
            actions.add(
                new Action(marker.equals("open") ? Kind.OPEN : Kind.EXECUTE, m.group(g).strip()));
          }
        }
      }
    }
    return actions;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }
}
