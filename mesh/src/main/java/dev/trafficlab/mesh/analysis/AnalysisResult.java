package dev.trafficlab.mesh.analysis;

import java.util.List;

/**
 * The outcome of `istioctl analyze` (1.8).
 *
 * @param messages sorted and de-duplicated as istioctl prints them (level, code, origin, text)
 * @param target "namespace: default" or "all namespaces"
 */
public record AnalysisResult(List<AnalysisMessage> messages, String target) {
  /**
   * istioctl's exit code when analyzers found issues at or above the failure threshold
   * (AnalyzerFoundIssues).
   */
  public static final int EXIT_FOUND_ISSUES = 79;

  public AnalysisResult {
    messages = List.copyOf(messages);
  }

  /** True when a message reaches the default failure threshold (Warning). */
  public boolean failed() {
    return messages.stream().anyMatch(m -> m.level() != AnalysisMessage.Level.INFO);
  }

  /** 0, or {@link #EXIT_FOUND_ISSUES}. */
  public int exitCode() {
    return failed() ? EXIT_FOUND_ISSUES : 0;
  }

  /**
   * Everything istioctl prints, stdout then stderr, each line ending in a newline: the messages,
   * then either {@code Error: Analyzers found issues when analyzing namespace: default.} and the
   * "See https://istio.io/v1.8/..." line, or {@code ✔ No validation issues found when analyzing
   * namespace: default.} when there are no messages.
   */
  public String output() {
    StringBuilder sb = new StringBuilder();
    for (AnalysisMessage m : messages) {
      sb.append(m.format()).append('\n');
    }
    if (failed()) {
      sb.append("Error: Analyzers found issues when analyzing ").append(target).append(".\n");
      sb.append(
          "See https://istio.io/v1.8/docs/reference/config/analysis for more information about causes and "
              + "resolutions.\n");
    } else if (messages.isEmpty()) {
      sb.append("\u2714 No validation issues found when analyzing ").append(target).append(".\n");
    }
    return sb.toString();
  }
}
