package dev.trafficlab.server.lessons;

import dev.trafficlab.server.lessons.imports.Course;
import dev.trafficlab.server.lessons.imports.ScenarioReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * {@code java -jar traffic-lab.jar check-lessons DIR...}: reads every scenario below the folders as
 * LESSONS_DIR would and prints, per scenario and page, what the lab recognised and what it did not.
 * Exits 1 when a scenario cannot load (the server would refuse to start with it), 2 on a usage
 * error, 0 otherwise.
 */
public final class CheckLessons {
  private CheckLessons() {}

  public static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty()) {
      err.println("usage: java -jar traffic-lab.jar check-lessons DIR [DIR...] (or DIR:DIR)");
      return 2;
    }
    List<Path> dirs =
        args.stream()
            .flatMap(a -> java.util.Arrays.stream(a.split(":")))
            .filter(a -> !a.isBlank())
            .map(Path::of)
            .toList();
    Imports found;
    try {
      found = Imports.read(dirs, LessonCatalog.packagedAssets(), Clock.systemUTC());
    } catch (RuntimeException e) {
      err.println("check-lessons: " + e.getMessage());
      return 2;
    }
    out.print(text(found));
    return found.reports().stream().allMatch(ScenarioReport::loads) ? 0 : 1;
  }

  /** The whole report: every scenario, the courses, and a summary line. */
  static String text(Imports found) {
    StringBuilder s = new StringBuilder();
    for (ScenarioReport r : found.reports()) {
      s.append(r.text()).append('\n');
    }
    for (Course c : found.courses()) {
      s.append("course \"")
          .append(c.title())
          .append("\": ")
          .append(String.join(", ", c.lessons()))
          .append('\n');
    }
    for (String w : found.warnings()) {
      s.append("warning: ").append(w).append('\n');
    }
    long broken = found.reports().stream().filter(r -> !r.loads()).count();
    s.append(found.reports().size())
        .append(" scenario(s): ")
        .append(found.reports().size() - broken)
        .append(" load, ")
        .append(broken)
        .append(" cannot load\n");
    return s.toString();
  }
}
