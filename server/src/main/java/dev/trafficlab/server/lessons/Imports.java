package dev.trafficlab.server.lessons;

import dev.trafficlab.mesh.store.Snapshot;
import dev.trafficlab.server.lessons.imports.Course;
import dev.trafficlab.server.lessons.imports.IstioOnlyStart;
import dev.trafficlab.server.lessons.imports.ScenarioFolders;
import dev.trafficlab.server.lessons.imports.ScenarioReport;
import dev.trafficlab.terminal.files.AssetTree;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything found below the LESSONS_DIR folders: Katacoda and Killercoda scenarios (read by {@link
 * ScenarioReader}, starting from a cluster with Istio only) and lessons in Traffic Lab's own format
 * (an index.json with "start", "learn", "order" or step "check"s, read as the packaged ones are,
 * starting with Bookinfo). Courses put their scenarios first, in the courses' order.
 *
 * @param reports one per folder found, loaded or not, in catalogue order
 * @param warnings about courses (a scenario a course names is missing)
 */
public record Imports(
    List<Lesson> lessons,
    List<Course> courses,
    List<ScenarioReport> reports,
    List<String> warnings) {

  public static Imports read(List<Path> roots, Path packagedAssets, Clock clock) {
    return read(roots, packagedAssets, clock, null);
  }

  /**
   * @param originPrefix how messages name the folders found: this prefix and the folder's path
   *     below its root (an upload's folder is gone once read); null: the folder's own path
   */
  static Imports read(List<Path> roots, Path packagedAssets, Clock clock, String originPrefix) {
    AssetTree shared = AssetTree.read(List.of(packagedAssets));
    Snapshot start = IstioOnlyStart.create(clock.instant());
    ScenarioReader reader = new ScenarioReader(shared, start);
    List<Lesson> lessons = new ArrayList<>();
    List<Course> courses = new ArrayList<>();
    List<ScenarioReport> reports = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    int position = 0;
    for (Path root : roots) {
      ScenarioFolders found = ScenarioFolders.find(root);
      courses.addAll(found.courses());
      warnings.addAll(found.warnings());
      Path ownAssets = root.resolve(LessonCatalog.ASSETS_FOLDER);
      LessonFolder nativeReader =
          new LessonFolder(
              Optional.of(Files.isDirectory(ownAssets) ? ownAssets : packagedAssets), clock);
      Map<String, Integer> courseOrder = new HashMap<>();
      for (Course c : found.courses()) {
        c.lessons().forEach(id -> courseOrder.putIfAbsent(id, courseOrder.size()));
      }
      List<ScenarioFolders.Folder> folders = new ArrayList<>(found.folders());
      // scenarios of a course first, in its order; the others after, by folder
      folders.sort(
          java.util.Comparator.comparingInt(
              (ScenarioFolders.Folder f) -> courseOrder.getOrDefault(f.id(), Integer.MAX_VALUE)));
      Map<String, Lesson> byFolder = new LinkedHashMap<>();
      for (ScenarioFolders.Folder f : folders) {
        String origin = originPrefix == null ? f.path().toString() : originPrefix + f.relative();
        if (trafficLabFormat(f.path())) {
          ScenarioReport.Builder report =
              new ScenarioReport.Builder(f.id(), f.relative()).format("Traffic Lab");
          try {
            Lesson l = nativeReader.load(f.id(), f.path(), LessonOrigin.folder(origin));
            byFolder.put(f.id() + "@" + f.path(), l);
            reports.add(
                report.ok("index", "read as a packaged lesson, starting with Bookinfo").loaded());
          } catch (RuntimeException e) {
            reports.add(report.failed(e.getMessage()));
          }
          continue;
        }
        ScenarioReader.Result r = reader.read(f.id(), f.path(), f.relative(), origin);
        reports.add(r.report());
        r.lesson().ifPresent(l -> byFolder.put(f.id() + "@" + f.path(), l));
      }
      for (Lesson l : byFolder.values()) {
        lessons.add(withOrder(l, l.order() + position++));
      }
    }
    return new Imports(lessons, courses, reports, warnings);
  }

  private static Lesson withOrder(Lesson l, int order) {
    return new Lesson(
        l.id(),
        l.title(),
        l.description(),
        l.time(),
        l.difficulty(),
        l.intro(),
        l.steps(),
        l.finish(),
        l.startFiles(),
        l.assets(),
        l.start(),
        l.learn(),
        order,
        l.origin());
  }

  /**
   * True for a lesson in Traffic Lab's format: its index uses a key only Traffic Lab has ("start",
   * "learn", "order", or a step's "check" or "failingCommands").
   */
  static boolean trafficLabFormat(Path folder) {
    try {
      Path index = folder.resolve("index.json");
      if (Files.size(index) > 1024 * 1024) {
        return false;
      }
      JsonObject json = new JsonObject(Files.readString(index, StandardCharsets.UTF_8));
      if (json.containsKey("start") || json.containsKey("learn") || json.containsKey("order")) {
        return true;
      }
      Object details = json.getValue("details");
      if (details instanceof JsonObject d && d.getValue("steps") instanceof JsonArray steps) {
        for (Object s : steps) {
          if (s instanceof JsonObject step
              && (step.containsKey("check") || step.containsKey("failingCommands"))) {
            return true;
          }
        }
      }
      return false;
    } catch (java.io.IOException | RuntimeException e) {
      return false; // the scenario reader reports what is wrong with it
    }
  }
}
