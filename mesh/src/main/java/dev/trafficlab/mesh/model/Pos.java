package dev.trafficlab.mesh.model;

/**
 * A 1-based line and column in the source text a node was read from; {@link #UNKNOWN} when not read
 * from text.
 */
public record Pos(int line, int column) {
  public static final Pos UNKNOWN = new Pos(0, 0);

  public boolean known() {
    return line > 0;
  }
}
