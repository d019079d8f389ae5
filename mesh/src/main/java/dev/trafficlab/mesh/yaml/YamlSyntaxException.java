package dev.trafficlab.mesh.yaml;

import dev.trafficlab.mesh.model.Pos;

/**
 * Text that kubectl could not turn into JSON.
 *
 * @see #goMessage() the message as go-yaml words it ("yaml: line 3: mapping values are not allowed
 *     in this context"); kubectl prefixes it with "error parsing SOURCE: error converting YAML to
 *     JSON: "
 */
public final class YamlSyntaxException extends RuntimeException {
  private final String goMessage;
  private final String problem;
  private final Pos pos;
  private final boolean json;

  public YamlSyntaxException(String goMessage, String problem, Pos pos) {
    this(goMessage, problem, pos, false);
  }

  public YamlSyntaxException(String goMessage, String problem, Pos pos, boolean json) {
    super(goMessage);
    this.goMessage = goMessage;
    this.problem = problem;
    this.pos = pos == null ? Pos.UNKNOWN : pos;
    this.json = json;
  }

  /**
   * True when the text was read as JSON (kubectl then reports Go's JSON error, without YAML
   * conversion).
   */
  public boolean json() {
    return json;
  }

  /** What kubectl prints after "error: " for this error, given the file name it reads. */
  public String kubectlMessage(String source) {
    return "error parsing " + source + ": " + conversionMessage();
  }

  /** The error as the YAML-to-JSON conversion raises it, before kubectl names the file. */
  public String conversionMessage() {
    return (json ? "" : "error converting YAML to JSON: ") + goMessage;
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
