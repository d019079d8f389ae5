package dev.trafficlab.mesh.store;

import java.util.List;

/**
 * The result of applying (or deleting) a whole text.
 *
 * @param output     exactly what kubectl 1.19 prints (success lines, Warning: lines and errors, in order),
 *                   ending with a newline when not empty
 * @param results    one entry per non-empty document
 * @param parseError true when the text could not be parsed, in which case nothing was applied
 */
public record ApplyReport(String output, List<DocumentResult> results, boolean parseError) {

  public ApplyReport {
    results = List.copyOf(results);
  }

  /** True when every document was accepted (kubectl exits 0). */
  public boolean ok() {
    return !parseError && results.stream().noneMatch(r -> r.action() == Action.REJECTED);
  }
}
