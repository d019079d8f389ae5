package dev.trafficlab.server.lessons.checks;

/** The verdict of a step's Check: passed or not, and a sentence for the learner saying why. */
public record CheckResult(boolean passed, String message) {
  public static CheckResult pass(String message) {
    return new CheckResult(true, message);
  }

  public static CheckResult fail(String message) {
    return new CheckResult(false, message);
  }
}
