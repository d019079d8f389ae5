package dev.trafficlab.server.durable;

import dev.trafficlab.server.lessons.LessonProgress;
import dev.trafficlab.terminal.ShellImage;
import dev.trafficlab.terminal.files.FileChanges;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The learner's side of a saved sandbox as JSON (the shell is written by {@link StateEncoder},
 * which keeps each history line's JSON from one save to the next): the files changed over the
 * lesson's, the shell (variables in order, exported names, working directory, history with exit
 * codes, functions as typed, aliases), the lesson progress and each terminal's scrollback.
 */
final class WorkspaceJson {
  private WorkspaceJson() {}

  static JsonObject files(FileChanges f) {
    JsonObject written = new JsonObject();
    new TreeMap<>(f.written())
        .forEach(
            (path, w) ->
                written.put(
                    path,
                    new JsonObject()
                        .put("content", w.content())
                        .put("modified", w.modified().toString())));
    return new JsonObject()
        .put("installed", f.installed().toString())
        .put("written", written)
        .put("deleted", new JsonArray(java.util.List.copyOf(new TreeSet<>(f.deleted()))))
        .put("createdDirs", new JsonArray(java.util.List.copyOf(new TreeSet<>(f.createdDirs()))));
  }

  static FileChanges files(JsonObject o) {
    Map<String, FileChanges.WrittenFile> written = new HashMap<>();
    for (Map.Entry<String, Object> e : o.getJsonObject("written")) {
      JsonObject w = (JsonObject) e.getValue();
      written.put(
          e.getKey(),
          new FileChanges.WrittenFile(
              w.getString("content"), Instant.parse(w.getString("modified"))));
    }
    return new FileChanges(
        Instant.parse(o.getString("installed")),
        written,
        Set.copyOf(JsonValues.list(o.getJsonArray("deleted"), String.class::cast)),
        Set.copyOf(JsonValues.list(o.getJsonArray("createdDirs"), String.class::cast)));
  }

  static ShellImage shell(JsonObject o) {
    return new ShellImage(
        o.getString("cwd"),
        JsonValues.strings(o.getJsonObject("variables")),
        Set.copyOf(JsonValues.list(o.getJsonArray("exported"), String.class::cast)),
        JsonValues.list(o.getJsonArray("history"), String.class::cast),
        JsonValues.list(
            o.getJsonArray("exitCodes"), v -> v == null ? null : ((Number) v).intValue()),
        o.getInteger("historyBase"),
        o.getInteger("lastExitCode"),
        JsonValues.strings(o.getJsonObject("functions")),
        JsonValues.strings(o.getJsonObject("aliases")));
  }

  static JsonObject progress(LessonProgress.Saved p) {
    JsonObject current = new JsonObject();
    new TreeMap<>(p.currentSteps()).forEach(current::put);
    JsonObject passed = new JsonObject();
    new TreeMap<>(p.passedSteps())
        .forEach(
            (lesson, steps) ->
                passed.put(lesson, new JsonArray(java.util.List.copyOf(new TreeSet<>(steps)))));
    return new JsonObject().put("currentSteps", current).put("passedSteps", passed);
  }

  static LessonProgress.Saved progress(JsonObject o) {
    Map<String, Integer> current = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : o.getJsonObject("currentSteps")) {
      current.put(e.getKey(), ((Number) e.getValue()).intValue());
    }
    Map<String, Set<Integer>> passed = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : o.getJsonObject("passedSteps")) {
      passed.put(
          e.getKey(),
          Set.copyOf(JsonValues.list((JsonArray) e.getValue(), v -> ((Number) v).intValue())));
    }
    return new LessonProgress.Saved(current, passed);
  }

  static JsonObject terminals(Map<String, String> screens) {
    return JsonValues.strings(screens);
  }

  static Map<String, String> terminals(JsonObject o) {
    return JsonValues.strings(o);
  }
}
