package dev.trafficlab.mesh.store;

/**
 * One problem found while validating text for the editor. line/column are 1-based, null when
 * unknown.
 */
public record Diagnostic(Severity severity, String message, Integer line, Integer column) {
  public enum Severity {
    ERROR,
    WARNING;

    public String jsonName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
