package dev.trafficlab.mesh.analysis;

/**
 * One `istioctl analyze` finding.
 *
 * @param level Error, Warning or Info
 * @param code IST0101, IST0109, IST0130, IST0131
 * @param kind the resource kind (VirtualService)
 * @param name resource name
 * @param namespace resource namespace
 * @param text the message text (Istio's template, filled in)
 * @param file source file when analysing files, else null (then no " file:line" in the origin)
 * @param line 1-based line in that file, or null
 */
public record AnalysisMessage(
    Level level,
    String code,
    String kind,
    String name,
    String namespace,
    String text,
    String file,
    Integer line) {

  /** Message levels in istioctl's sort order. */
  public enum Level {
    ERROR("Error"),
    WARNING("Warning"),
    INFO("Info");

    private final String display;

    Level(String display) {
      this.display = display;
    }

    /** "Error", "Warning", "Info" as istioctl prints them. */
    public String display() {
      return display;
    }
  }

  /**
   * "VirtualService reviews.default" (plus " file:line" when known): the resource's friendly name.
   */
  public String origin() {
    String o = kind + " " + name + "." + namespace;
    if (file != null) {
      o += " " + file + (line != null ? ":" + line : "");
    }
    return o;
  }

  /**
   * The line istioctl prints: {@code Error [IST0101] (VirtualService reviews.default) Referenced
   * ...}.
   */
  public String format() {
    return level.display() + " [" + code + "] (" + origin() + ") " + text;
  }
}
