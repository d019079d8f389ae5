package dev.trafficlab.server.lessons;

import dev.trafficlab.mesh.store.Snapshot;
import dev.trafficlab.server.lessons.checks.Check;
import dev.trafficlab.server.lessons.checks.ShellCheck;
import dev.trafficlab.server.lessons.imports.ImportedScenario;
import dev.trafficlab.server.lessons.imports.MarkdownScan;
import dev.trafficlab.server.lessons.imports.PageScripts;
import dev.trafficlab.server.lessons.imports.ScenarioImages;
import dev.trafficlab.server.lessons.imports.ScenarioReport;
import dev.trafficlab.server.lessons.imports.SetupScripts;
import dev.trafficlab.server.lessons.imports.ShellCommands;
import dev.trafficlab.server.lessons.markdown.KatacodaHostUrls;
import dev.trafficlab.server.lessons.markdown.LessonMarkdown;
import dev.trafficlab.server.lessons.markdown.MarkdownFindings;
import dev.trafficlab.terminal.Shell;
import dev.trafficlab.terminal.files.AssetTree;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads one Katacoda or Killercoda scenario folder into a lesson, and says in its report what it
 * recognised and what it did not. A missing page, script or asset, or an index that is not JSON,
 * stops the scenario from loading; unknown keys and what the lab cannot do are reported and never
 * fatal.
 */
public final class ScenarioReader {
  /** The biggest file a scenario may hold (Katacoda's own limit for an asset). */
  public static final long MAX_FILE_BYTES = 1024 * 1024;

  private static final Set<String> ROOT_IGNORED =
      Set.of(
          "icon",
          "id",
          "pathwayId",
          "pathwayTitle",
          "private",
          "noindex",
          "authenticated",
          "events",
          "asyncFiles");
  private static final Set<String> ENVIRONMENT_IGNORED =
      Set.of(
          "showdashboard",
          "dashboard",
          "uisettings",
          "hideHiddenFiles",
          "exclusionPatterns",
          "hideintro",
          "hidefinish",
          "hidesidebar",
          "showide",
          "idePort",
          "uimessage1",
          "uidependencies",
          "uieditorpath",
          "uilayout",
          "terminals",
          "dashboards");

  private final AssetTree shared;
  private final Snapshot start;
  private final LessonMarkdown markdown = new LessonMarkdown();

  /**
   * @param shared the files every imported scenario's sandbox starts with (the Istio 1.8.1 release
   *     under /root)
   * @param start the cluster it starts from (Istio installed, nothing else)
   */
  public ScenarioReader(AssetTree shared, Snapshot start) {
    this.shared = shared;
    this.start = start;
  }

  /** A scenario read: the lesson when it loads, and the report either way. */
  public record Result(Optional<Lesson> lesson, ScenarioReport report) {}

  /** Thrown inside the reader when the scenario cannot load; the message is the report's error. */
  private static class CannotLoad extends RuntimeException {
    CannotLoad(String message) {
      super(message, null, false, false);
    }
  }

  /** A file that is not UTF-8 text: fatal for a page or script, left out for an asset. */
  private static final class NotText extends CannotLoad {
    NotText(String message) {
      super(message);
    }
  }

  /**
   * @param location the folder as the report names it (relative to its LESSONS_DIR entry)
   * @param origin the folder as errors name it (absolute)
   */
  public Result read(String id, Path folder, String location, String origin) {
    ScenarioReport.Builder report = new ScenarioReport.Builder(id, location);
    try {
      return lesson(id, folder, origin, report);
    } catch (CannotLoad e) {
      return new Result(Optional.empty(), report.failed(e.getMessage()));
    } catch (ClassCastException e) {
      // a value of another JSON type than the format has there (a number for a file name)
      return new Result(
          Optional.empty(),
          report.failed("index.json has a value of the wrong type: " + e.getMessage()));
    }
  }

  private Result lesson(String id, Path folder, String origin, ScenarioReport.Builder report) {
    JsonObject index = index(folder);
    String format = killercoda(index) ? "Killercoda" : "Katacoda";
    report.format(format);
    String title = index.getString("title", "");
    if (title.isBlank()) {
      report.note("index", "no \"title\": the catalogue shows the folder name");
      title = id;
    }
    for (String key : index.fieldNames()) {
      switch (key) {
        case "title", "description", "difficulty", "time", "details" -> {}
        case "environment" -> environment(object(index, key), report);
        case "interface" -> {
          JsonObject ui = object(index, key);
          report.note(
              "index",
              "interface.layout \""
                  + ui.getValue("layout", "")
                  + "\": the lab's layout is fixed (lesson, terminals, editor, product page)");
          ui.fieldNames().stream()
              .filter(k -> !k.equals("layout"))
              .forEach(k -> report.unsupported("index", "unknown key \"interface." + k + "\""));
        }
        case "backend" -> {
          JsonObject backend = object(index, key);
          report.note(
              "index",
              "backend.imageid \""
                  + backend.getValue("imageid", "")
                  + "\": the lab's cluster (Kubernetes 1.19 with Istio 1.8.1) replaces it");
          backend.fieldNames().stream()
              .filter(k -> !k.equals("imageid"))
              .forEach(k -> report.unsupported("index", "unknown key \"backend." + k + "\""));
        }
        case "files" -> {
          for (Object f : array(index, key)) {
            report.note(
                "index",
                "file " + f + " is not opened at start: an {{open}} link opens it in the editor");
          }
        }
        case "type" ->
            report.unsupported(
                "index", "type \"" + index.getValue(key) + "\": challenges run as ordinary steps");
        default -> {
          if (ROOT_IGNORED.contains(key)) {
            report.note("index", "\"" + key + "\" is Katacoda's own setting, ignored");
          } else {
            report.unsupported("index", "unknown key \"" + key + "\" ignored");
          }
        }
      }
    }
    JsonObject details = object(index, "details");
    for (String key : details.fieldNames()) {
      if (!Set.of("intro", "steps", "finish", "assets").contains(key)) {
        report.unsupported("index", "unknown key \"details." + key + "\" ignored");
      }
    }
    Map<String, PageScripts> scripts = new LinkedHashMap<>();
    ScenarioImages.Builder images = new ScenarioImages.Builder(id, folder, report);
    LessonPage intro = page(folder, details, "intro", "Introduction", scripts, images, report);
    List<LessonStep> steps = new ArrayList<>();
    Object stepsValue = details.getValue("steps");
    if (stepsValue != null && !(stepsValue instanceof JsonArray)) {
      throw new CannotLoad("index.json: \"details.steps\" must be a list");
    }
    JsonArray stepList = stepsValue == null ? new JsonArray() : (JsonArray) stepsValue;
    for (int i = 0; i < stepList.size(); i++) {
      if (!(stepList.getValue(i) instanceof JsonObject s)) {
        throw new CannotLoad("index.json: step " + (i + 1) + " must be an object");
      }
      steps.add(step(folder, s, i + 1, scripts, images, report));
    }
    LessonPage finish = page(folder, details, "finish", "Finished", scripts, images, report);
    AssetTree assets = assets(folder, object(details, "assets"), report);
    ScenarioReport done = report.loaded();
    Lesson lesson =
        new Lesson(
            id,
            title,
            index.getString("description", ""),
            text(index, "time"),
            text(index, "difficulty"),
            intro,
            steps,
            finish,
            List.of(),
            assets,
            start,
            List.of(),
            IMPORTED_ORDER,
            new LessonOrigin(
                origin, Optional.of(new ImportedScenario(format, scripts, images.build(), done))));
    return new Result(Optional.of(lesson), done);
  }

  /** Imported scenarios come after the packaged lessons in the catalogue. */
  static final int IMPORTED_ORDER = 2000;

  /**
   * Killercoda's index: its own "interface" or images, or pages with foreground/background scripts
   * and none of what only Katacoda has (O'Reilly-era Katacoda took those script names too).
   */
  private static boolean killercoda(JsonObject index) {
    String image =
        String.valueOf(index.getJsonObject("backend", new JsonObject()).getValue("imageid", ""));
    if (index.containsKey("interface") || image.startsWith("kubernetes-kubeadm")) {
      return true;
    }
    String text = index.encode();
    boolean katacodaOnly =
        index.containsKey("environment")
            || index.containsKey("type")
            || index.containsKey("difficulty")
            || index.containsKey("time")
            || text.contains("\"courseData\"")
            || text.contains("\"code\"");
    return !katacodaOnly
        && (image.startsWith("ubuntu")
            || text.contains("\"foreground\"")
            || text.contains("\"background\""));
  }

  private static String text(JsonObject o, String key) {
    Object v = o.getValue(key);
    return v == null ? "" : String.valueOf(v);
  }

  private static JsonObject index(Path folder) {
    String text = read(folder, "index.json", "the index");
    try {
      return new JsonObject(text);
    } catch (DecodeException e) {
      throw new CannotLoad("index.json is not valid JSON: " + e.getMessage());
    }
  }

  private static JsonObject object(JsonObject o, String key) {
    Object v = o.getValue(key);
    if (v == null) {
      return new JsonObject();
    }
    if (!(v instanceof JsonObject object)) {
      throw new CannotLoad("index.json: \"" + key + "\" must be an object");
    }
    return object;
  }

  private static JsonArray array(JsonObject o, String key) {
    Object v = o.getValue(key);
    if (v == null) {
      return new JsonArray();
    }
    if (!(v instanceof JsonArray a)) {
      throw new CannotLoad("index.json: \"" + key + "\" must be a list");
    }
    return a;
  }

  private void environment(JsonObject env, ScenarioReport.Builder report) {
    for (String key : env.fieldNames()) {
      Object v = env.getValue(key);
      switch (key) {
        case "uilayout" ->
            report.note(
                "index",
                "environment.uilayout \""
                    + v
                    + "\": the lab's layout is fixed (lesson, terminals, editor, product page)");
        case "uieditorpath" -> {
          if ("/root".equals(v) || "/root/".equals(v) || "~".equals(v)) {
            report.ok("index", "environment.uieditorpath " + v + ": the editor's folder");
          } else {
            report.note("index", "environment.uieditorpath " + v + ": the editor shows /root");
          }
        }
        case "terminals" -> {
          int n = 2;
          for (Object t : array(env, key)) {
            JsonObject term = t instanceof JsonObject o ? o : new JsonObject();
            report.note(
                "index",
                "terminal \""
                    + term.getString("name", "")
                    + "\" is the lab's T"
                    + n
                    + (term.containsKey("command")
                        ? "; its command is not run when it opens"
                        : ""));
            n++;
          }
        }
        case "dashboards" -> {
          for (Object d : array(env, key)) {
            JsonObject dash = d instanceof JsonObject o ? o : new JsonObject();
            String name = dash.getString("name", "");
            Object port = dash.getValue("port");
            String href = dash.getString("href", "");
            if ("80".equals(String.valueOf(port)) || href.contains("-80-")) {
              report.ok("index", "dashboard \"" + name + "\" is the product page tab");
            } else {
              report.unsupported(
                  "index",
                  "dashboard \""
                      + name
                      + "\" ("
                      + (port != null ? "port " + port : href)
                      + ") is not simulated in Traffic Lab");
            }
          }
        }
        default -> {
          if (ENVIRONMENT_IGNORED.contains(key)) {
            report.note("index", "environment." + key + " is Katacoda's own setting, ignored");
          } else {
            report.unsupported("index", "unknown key \"environment." + key + "\" ignored");
          }
        }
      }
    }
  }

  private LessonPage page(
      Path folder,
      JsonObject details,
      String key,
      String defaultTitle,
      Map<String, PageScripts> scripts,
      ScenarioImages.Builder images,
      ScenarioReport.Builder report) {
    JsonObject spec = object(details, key);
    String where = key;
    String textFile = spec.getString("text");
    if (textFile == null && Files.isRegularFile(folder.resolve(key).resolve("text.md"))) {
      textFile = key + "/text.md";
    }
    for (String k : spec.fieldNames()) {
      switch (k) {
        case "text", "title", "code", "courseData", "foreground", "background" -> {}
        case "credits" -> report.note(where, "credits are not shown");
        default -> report.unsupported(where, "unknown key \"" + k + "\" ignored");
      }
    }
    pageScripts(folder, spec, where, key, scripts, report);
    if (textFile == null) {
      return new LessonPage(spec.getString("title", defaultTitle), "", "");
    }
    String text = read(folder, textFile, where + "'s text");
    scan(text, where, folder, report);
    return new LessonPage(
        spec.getString("title", defaultTitle),
        text,
        images.rewrite(markdown.render(text), textFile, where));
  }

  private LessonStep step(
      Path folder,
      JsonObject s,
      int n,
      Map<String, PageScripts> scripts,
      ScenarioImages.Builder images,
      ScenarioReport.Builder report) {
    String where = "step " + n;
    String textFile = s.getString("text");
    if (textFile == null && Files.isRegularFile(folder.resolve("step" + n).resolve("text.md"))) {
      textFile = "step" + n + "/text.md";
    }
    if (textFile == null) {
      throw new CannotLoad("index.json: step " + n + " has no \"text\"");
    }
    for (String k : s.fieldNames()) {
      switch (k) {
        case "text",
            "title",
            "code",
            "courseData",
            "foreground",
            "background",
            "verify",
            "answer" -> {}
        case "hint" -> report.unsupported(where, "hint scripts (challenges) are not run");
        default -> report.unsupported(where, "unknown key \"" + k + "\" ignored");
      }
    }
    String text = read(folder, textFile, where + "'s text");
    scan(text, where, folder, report);
    pageScripts(folder, s, where, "step" + n, scripts, report);
    Check check = Check.fromJson(null);
    String verify = s.getString("verify");
    if (verify != null) {
      String script = read(folder, verify, where + "'s verify script");
      if (Shell.exceedsLimit(script)) {
        throw new CannotLoad(
            verify + " is longer than the shell's " + Shell.MAX_COMMAND_LENGTH + " characters");
      }
      ShellCheck shellCheck = ShellCheck.verifyScript(verify, script);
      check = shellCheck;
      report.ok(
          where,
          "verify "
              + verify
              + ": the Check button runs it in the safe shell; it passes when it "
              + (shellCheck.printsDone() ? "prints done" : "exits 0"));
      commands(script, where, "verify " + verify, report);
    }
    String html = images.rewrite(markdown.render(text), textFile, where);
    String answer = s.getString("answer");
    if (answer != null) {
      String answerText = read(folder, answer, where + "'s answer");
      scan(answerText, where, folder, report);
      html +=
          "<details class=\"answer\"><summary>Answer</summary>"
              + images.rewrite(markdown.render(answerText), answer, where)
              + "</details>";
      report.ok(where, "answer " + answer + ": shown under the step");
    }
    return new LessonStep(n, s.getString("title", "Step " + n), text, html, check);
  }

  private void pageScripts(
      Path folder,
      JsonObject spec,
      String where,
      String page,
      Map<String, PageScripts> scripts,
      ScenarioReport.Builder report) {
    String fg = script(folder, spec, where, "code", "foreground", report);
    String bg = script(folder, spec, where, "courseData", "background", report);
    PageScripts p = new PageScripts(fg, bg);
    if (!p.isEmpty()) {
      scripts.put(page, p);
    }
  }

  private String script(
      Path folder,
      JsonObject spec,
      String where,
      String katacoda,
      String killercoda,
      ScenarioReport.Builder report) {
    String file = spec.getString(katacoda, spec.getString(killercoda));
    if (file == null) {
      return "";
    }
    String kind = katacoda.equals("code") ? "foreground" : "background";
    String text = read(folder, file, where + "'s " + kind + " script");
    if (Shell.exceedsLimit(text)) {
      throw new CannotLoad(
          file + " is longer than the shell's " + Shell.MAX_COMMAND_LENGTH + " characters");
    }
    report.ok(
        where,
        kind
            + " script "
            + file
            + (kind.equals("foreground")
                ? ": runs in terminal T1 when the page opens"
                : ": runs unseen when the page opens"));
    for (SetupScripts.Piece piece : SetupScripts.read(text)) {
      if (piece.answered().isPresent()) {
        report.note(where, "`" + firstLine(piece.text()) + "`: " + piece.answered().get());
      } else {
        commands(piece.text(), where, kind + " script " + file, report);
      }
    }
    return text;
  }

  private static void commands(
      String script, String where, String what, ScenarioReport.Builder report) {
    for (String missing : ShellCommands.missing(script)) {
      report.unsupported(
          where, what + " calls " + missing + ", which the lab's shell does not have");
    }
  }

  private static String firstLine(String text) {
    String line = text.strip().lines().findFirst().orElse("");
    return line.length() <= 72 ? line : line.substring(0, 71) + "…";
  }

  private void scan(String text, String where, Path folder, ScenarioReport.Builder report) {
    MarkdownScan.Findings f = MarkdownScan.scan(text);
    if (!f.markers().isEmpty()) {
      report.ok(where, "markers " + String.join(" ", f.markers()));
    }
    // what the page's markers and placeholders mean here: LessonMarkdown's own reading
    for (MarkdownFindings finding : MarkdownFindings.of(text)) {
      String said = "line " + finding.line() + ": " + finding.message();
      if (finding.level() == MarkdownFindings.Level.NOTE) {
        report.note(where, said);
      } else {
        report.unsupported(where, said);
      }
    }
    for (String block : f.runBlocks()) {
      commands(block, where, "run button `" + firstLine(block) + "`", report);
    }
  }

  // ---- assets

  private AssetTree assets(Path folder, JsonObject spec, ScenarioReport.Builder report) {
    Map<String, String> files = new TreeMap<>();
    boolean modes = false;
    for (String host : spec.fieldNames()) {
      if (!Set.of("host01", "host02", "client").contains(host)) {
        report.unsupported("assets", "unknown host \"" + host + "\": its files are not copied");
        continue;
      }
      if (!host.equals("host01")) {
        report.note("assets", host + "'s files go to the lab's one host");
      }
      for (Object e : array(spec, host)) {
        if (!(e instanceof JsonObject entry)
            || entry.getString("file") == null
            || entry.getString("target") == null) {
          throw new CannotLoad(
              "index.json: every details.assets." + host + " entry needs \"file\" and \"target\"");
        }
        String target = target(entry.getString("target"));
        List<String> matched = assetFiles(folder.resolve("assets"), entry.getString("file"));
        if (matched.isEmpty()) {
          report.unsupported(
              "assets",
              "asset "
                  + entry.getString("file")
                  + " is not in the scenario's assets/ folder: left out");
        }
        for (String rel : matched) {
          String dest =
              entry.getString("file").contains("*")
                  ? target + "/" + rel
                  : target + "/" + rel.substring(rel.lastIndexOf('/') + 1);
          try {
            files.put(dest, read(folder.resolve("assets"), rel, "asset " + rel));
            report.ok("assets", "assets/" + rel + " is at " + dest);
          } catch (NotText binary) {
            report.unsupported(
                "assets",
                "assets/" + rel + " is not text: the lab's files are text, it is left out");
          }
        }
        modes |= entry.containsKey("chmod");
      }
    }
    if (modes) {
      report.note(
          "assets",
          "chmod: the lab's files have no modes; a script runs with ./FILE, bash FILE or its path");
    }
    // Killercoda's scripts read the environment's URL from this file; the lab's own wins over an
    // asset of the same path, which could only point at a Killercoda host the lab cannot reach
    files.put(KatacodaHostUrls.KILLERCODA_HOST_FILE, KatacodaHostUrls.KILLERCODA_HOST_CONTENT);
    return shared.with(files);
  }

  /** A target folder as a sandbox path: absolute, or under /root for ~ and relative ones. */
  private static String target(String target) {
    String t = target.strip();
    if (t.startsWith("~")) {
      t = "/root" + t.substring(1);
    } else if (!t.startsWith("/")) {
      t = "/root/" + t;
    }
    String normal = dev.trafficlab.terminal.files.SandboxFiles.resolve("/", t);
    return normal.equals("/") ? "" : normal;
  }

  /** The files of assets/ an entry names (a path, or a glob such as "*" or "*.sh"). */
  private static List<String> assetFiles(Path assets, String pattern) {
    if (!Files.isDirectory(assets)) {
      return List.of();
    }
    if (!pattern.contains("*")) {
      Path file = assets.resolve(pattern).normalize();
      return file.startsWith(assets.normalize()) && Files.isRegularFile(file)
          ? List.of(assets.relativize(file).toString().replace('\\', '/'))
          : List.of();
    }
    PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    try (Stream<Path> walk = Files.walk(assets, 8)) {
      return walk.filter(Files::isRegularFile)
          .map(p -> assets.relativize(p).toString().replace('\\', '/'))
          .filter(rel -> pattern.equals("*") || glob.matches(Path.of(rel)))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new CannotLoad("cannot list the scenario's assets/: " + e.getMessage());
    }
  }

  // ---- files

  /** A file of the folder as text; a missing one, one outside the folder or a huge one stop it. */
  private static String read(Path folder, String name, String what) {
    Path base = folder.toAbsolutePath().normalize();
    Path file = base.resolve(name).normalize();
    if (!file.startsWith(base)) {
      throw new CannotLoad(what + " " + name + " lies outside the scenario's folder");
    }
    try {
      if (!Files.isRegularFile(file)) {
        throw new CannotLoad(what + " " + name + " is missing");
      }
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new CannotLoad(what + " " + name + " is larger than 1 MB");
      }
      if (!file.toRealPath().startsWith(base.toRealPath())) {
        throw new CannotLoad(what + " " + name + " links outside the scenario's folder");
      }
      return StandardCharsets.UTF_8
          .newDecoder()
          .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
          .toString();
    } catch (CharacterCodingException e) {
      throw new NotText(what + " " + name + " is not UTF-8 text");
    } catch (IOException e) {
      throw new CannotLoad("cannot read " + what + " " + name + ": " + e.getMessage());
    }
  }
}
