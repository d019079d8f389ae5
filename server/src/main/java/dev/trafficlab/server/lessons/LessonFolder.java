package dev.trafficlab.server.lessons;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.store.ConfigStore;
import dev.trafficlab.mesh.store.Snapshot;
import dev.trafficlab.server.lessons.checks.Check;
import dev.trafficlab.server.lessons.markdown.LessonMarkdown;
import dev.trafficlab.terminal.files.AssetTree;
import dev.trafficlab.terminal.files.SandboxFiles;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one lesson folder: its Katacoda-style index.json, one Markdown file per page, the checks of
 * its steps, its files (the shared assets plus its own assets/ folder) and its start state,
 * compiled here once.
 */
final class LessonFolder {
  private final Optional<Path> sharedAssets;
  private final Clock clock;
  private final LessonMarkdown markdown = new LessonMarkdown();

  /**
   * The shared assets alone, read once: every lesson without an assets/ folder of its own uses this
   * tree. Lessons are read side by side: guarded by this.
   */
  private AssetTree sharedOnly;

  LessonFolder(Optional<Path> sharedAssets, Clock clock) {
    this.sharedAssets = sharedAssets;
    this.clock = clock;
  }

  Lesson load(String id, Path folder) {
    return load(id, folder, LessonOrigin.packaged(id));
  }

  Lesson load(String id, Path folder, LessonOrigin origin) {
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
    LessonPage intro = page(folder, details.getJsonObject("intro"), "Introduction");
    LessonPage finish = page(folder, details.getJsonObject("finish"), "Finished");
    List<LessonStep> steps = new ArrayList<>();
    JsonArray stepList = details.getJsonArray("steps", new JsonArray());
    for (int i = 0; i < stepList.size(); i++) {
      JsonObject s = stepList.getJsonObject(i);
      String text = read(folder, required(s, "text", indexFile + " step " + (i + 1)));
      Check check;
      try {
        check = Check.fromJson(s.getJsonObject("check"), file -> read(folder, file));
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(indexFile + " step " + (i + 1) + ": " + e.getMessage(), e);
      }
      steps.add(
          new LessonStep(
              i + 1, s.getString("title", "Step " + (i + 1)), text, markdown.render(text), check));
    }
    AssetTree assets = assets(folder);
    List<String> startFiles = startFiles(index, indexFile);
    Snapshot start = startState(startFiles, assets, indexFile);
    return new Lesson(
        id,
        required(index, "title", indexFile.toString()),
        index.getString("description", ""),
        index.getString("time", ""),
        index.getString("difficulty", ""),
        intro,
        steps,
        finish,
        startFiles,
        assets,
        start,
        strings(index, "learn", indexFile),
        index.getInteger("order", DEFAULT_ORDER),
        origin);
  }

  /** Lessons without an "order" come after those with one, by folder name. */
  static final int DEFAULT_ORDER = 1000;

  private static List<String> strings(JsonObject index, String key, Path indexFile) {
    Object value = index.getValue(key);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array) || !array.stream().allMatch(String.class::isInstance)) {
      throw new IllegalStateException(indexFile + ": \"" + key + "\" must be a list of strings");
    }
    return array.stream().map(String.class::cast).toList();
  }

  /**
   * The shared assets, then the lesson's own assets/ folder (its files win where both have one).
   */
  private AssetTree assets(Path folder) {
    List<Path> roots = new ArrayList<>();
    sharedAssets.ifPresent(roots::add);
    Path own = folder.resolve(LessonCatalog.ASSETS_FOLDER);
    if (Files.isDirectory(own)) {
      roots.add(own);
      return AssetTree.read(roots);
    }
    synchronized (this) {
      if (sharedOnly == null) {
        sharedOnly = AssetTree.read(roots);
      }
      return sharedOnly;
    }
  }

  /**
   * The files the index's "start" applies, as sandbox paths: a list of paths under /root (or
   * absolute, or under $ISTIO_HOME), given directly or under "apply" (or "files"); entries may also
   * be {"file": path}. No "start": no Istio resources.
   */
  static List<String> startFiles(JsonObject index, Path indexFile) {
    Object start = index.getValue("start");
    if (start instanceof JsonObject object) {
      start = object.containsKey("apply") ? object.getValue("apply") : object.getValue("files");
    }
    if (start == null) {
      return List.of();
    }
    if (!(start instanceof JsonArray array)) {
      throw new IllegalStateException(
          indexFile
              + ": \"start\" must list the files to apply, e.g. "
              + "{\"apply\": [\"istio-1.8.1/samples/bookinfo/networking/bookinfo-gateway.yaml\"]}");
    }
    List<String> paths = new ArrayList<>();
    for (Object entry : array) {
      Object file = entry instanceof JsonObject o ? o.getValue("file") : entry;
      if (!(file instanceof String s) || s.isBlank()) {
        throw new IllegalStateException(
            indexFile + ": every \"start\" entry must be a file path, got " + entry);
      }
      paths.add(sandboxPath(s));
    }
    return paths;
  }

  /**
   * A start entry as the learner would name it in the sandbox: relative to /root, $ISTIO_HOME
   * spelled out.
   */
  static String sandboxPath(String entry) {
    String n =
        entry
            .trim()
            .replace("${ISTIO_HOME}", SandboxFiles.ISTIO_HOME)
            .replace("$ISTIO_HOME", SandboxFiles.ISTIO_HOME);
    return SandboxFiles.resolve(SandboxFiles.HOME, n);
  }

  private Snapshot startState(List<String> files, AssetTree assets, Path indexFile) {
    List<ConfigStore.SourceText> sources = new ArrayList<>();
    for (String file : files) {
      String text =
          assets
              .file(file)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          indexFile
                              + ": the start file "
                              + file
                              + " is not among the lesson's files (scenarios/assets/ or the lesson's assets/ folder)"));
      sources.add(new ConfigStore.SourceText(file.substring(file.lastIndexOf('/') + 1), text));
    }
    try {
      return ConfigStore.startState(
          sources, Inventory.bookinfo(), IstioProfile.ISTIO_1_8, clock.instant());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(indexFile + ": " + e.getMessage(), e);
    }
  }

  private LessonPage page(Path folder, JsonObject spec, String defaultTitle) {
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
