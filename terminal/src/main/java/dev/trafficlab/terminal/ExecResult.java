package dev.trafficlab.terminal;

import java.util.List;
import java.util.Map;

/**
 * The body of POST /api/sandboxes/{id}/exec: output, exit code and actions for the page
 * ({"type":"clear"}, {"type":"open","path":...}).
 */
public record ExecResult(String output, int exitCode, List<Map<String, Object>> actions) {
  public ExecResult {
    actions = actions == null ? List.of() : List.copyOf(actions);
  }
}
