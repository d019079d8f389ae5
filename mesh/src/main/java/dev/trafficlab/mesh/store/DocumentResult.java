package dev.trafficlab.mesh.store;

import java.util.List;

/**
 * The result of one document of an apply or delete. kind/name/namespace are null when the document was too
 * broken to tell; line and column point at the offending node (null when unknown).
 */
public record DocumentResult(String kind, String name, String namespace, Action action, String error,
    List<String> warnings, Integer line, Integer column) {

  public DocumentResult {
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }
}
