package dev.trafficlab.server.lessons.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the import understood of one Katacoda or Killercoda scenario, per page: what the lab runs as
 * written, what it answers itself (set-up it already provides), what it leaves out and why.
 * check-lessons prints it and the author page /lessons/ID/report shows it.
 *
 * @param id the lesson id (the scenario's folder name)
 * @param location the folder, relative to the LESSONS_DIR entry it was found under
 * @param format "Katacoda", "Killercoda" or "Traffic Lab"
 * @param error why the scenario cannot load; empty when it loads
 */
public record ScenarioReport(
    String id, String location, String format, List<Line> lines, Optional<String> error) {

  public ScenarioReport {
    lines = List.copyOf(lines);
  }

  /** How a finding counts. */
  public enum Status {
    /** used as written */
    OK("ok"),
    /** understood and answered differently by the lab (set-up it already has, a fixed layout) */
    NOTE("note"),
    /** not supported: left out, and the learner may notice */
    UNSUPPORTED("not supported"),
    /** the scenario cannot load */
    ERROR("error");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * One finding.
   *
   * @param where "index", "assets", "intro", "step 2", "finish", "course"
   */
  public record Line(String where, Status status, String text) {}

  public boolean loads() {
    return error.isEmpty();
  }

  /** How many findings the lab cannot support. */
  public long unsupported() {
    return lines.stream().filter(l -> l.status() == Status.UNSUPPORTED).count();
  }

  /** The report as check-lessons prints it: a heading, then one finding a line. */
  public String text() {
    StringBuilder out = new StringBuilder();
    out.append("scenario ")
        .append(id)
        .append(" (")
        .append(format)
        .append(") at ")
        .append(location)
        .append(": ")
        .append(loads() ? "loads" : "CANNOT LOAD")
        .append(", ")
        .append(unsupported())
        .append(" not supported\n");
    for (Line l : lines) {
      out.append("  ")
          .append(l.where())
          .append(": ")
          .append(l.status().label())
          .append(": ")
          .append(l.text())
          .append('\n');
    }
    error.ifPresent(e -> out.append("  error: ").append(e).append('\n'));
    return out.toString();
  }

  /** Collects findings while a scenario is read. */
  public static final class Builder {
    private final String id;
    private final String location;
    private String format = "Katacoda";
    private final List<Line> lines = new ArrayList<>();

    public Builder(String id, String location) {
      this.id = id;
      this.location = location;
    }

    public Builder format(String format) {
      this.format = format;
      return this;
    }

    public Builder ok(String where, String text) {
      lines.add(new Line(where, Status.OK, text));
      return this;
    }

    public Builder note(String where, String text) {
      lines.add(new Line(where, Status.NOTE, text));
      return this;
    }

    public Builder unsupported(String where, String text) {
      lines.add(new Line(where, Status.UNSUPPORTED, text));
      return this;
    }

    public ScenarioReport loaded() {
      return new ScenarioReport(id, location, format, lines, Optional.empty());
    }

    public ScenarioReport failed(String error) {
      return new ScenarioReport(id, location, format, lines, Optional.of(error));
    }
  }
}
