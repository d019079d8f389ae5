package dev.trafficlab.mesh.yaml;

import dev.trafficlab.mesh.model.Pos;

/**
 * Text that kubectl could not turn into JSON.
 *
 * @see #goMessage() the message as go-yaml words it ("yaml: line 3: mapping values are not allowed in this
 *      context"); kubectl prefixes it with "error parsing SOURCE: error converting YAML to JSON: "
 */
public final class YamlSyntaxException extends RuntimeException {
  private final String goMessage;
  private final String problem;
  private final Pos pos;

  public YamlSyntaxException(String goMessage, String problem, Pos pos) {
    super(goMessage);
    this.goMessage = goMessage;
    this.problem = problem;
    this.pos = pos == null ? Pos.UNKNOWN : pos;
  }

  /** "yaml: line N: what" with kubectl's (chunk-relative) line number. */
  public String goMessage() {
    return goMessage;
  }

  /** What is wrong, without position: for the editor, which shows the position itself. */
  public String problem() {
    return problem;
  }

  /** Absolute 1-based position in the whole text. */
  public Pos pos() {
    return pos;
  }
}
