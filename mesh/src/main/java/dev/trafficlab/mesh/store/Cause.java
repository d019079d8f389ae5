package dev.trafficlab.mesh.store;

import dev.trafficlab.mesh.model.Pos;

/**
 * One thing wrong with a document (a field error, a webhook error), and where: 1-based, null when
 * unknown.
 */
public record Cause(String message, Integer line, Integer column) {

  static Cause at(String message, Pos pos) {
    return new Cause(message, ApplyEngine.line(pos), ApplyEngine.col(pos));
  }
}
