package dev.trafficlab.mesh.store;

import java.util.List;

/**
 * The result of one kubectl apply, create or delete, as data: one entry per non-empty document (or
 * per named object). {@link KubectlPrinter} turns it into what kubectl 1.19 prints.
 *
 * @param verb the command
 * @param results one entry per document, in the order of the text; a single {@link
 *     Reason#PARSE_ERROR} entry when the text could not be parsed (then nothing was applied)
 */
public record ApplyReport(Verb verb, List<DocumentResult> results) {

  public ApplyReport {
    results = List.copyOf(results);
  }

  /**
   * True when the text could not be read at all (not YAML/JSON, or no object in it), so nothing was
   * applied.
   */
  public boolean parseError() {
    return results.isEmpty()
        ? verb != Verb.DELETE
        : results.size() == 1 && results.get(0).reason() == Reason.PARSE_ERROR;
  }

  /** True when every document was accepted (kubectl exits 0). */
  public boolean ok() {
    return !parseError() && results.stream().noneMatch(r -> r.action() == Action.REJECTED);
  }

  /** Exactly what kubectl 1.19 prints for it, both streams in the order it prints them. */
  public String output() {
    return KubectlPrinter.text(KubectlPrinter.lines(this));
  }
}
