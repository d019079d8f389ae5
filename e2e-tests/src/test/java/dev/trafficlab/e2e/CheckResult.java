package dev.trafficlab.e2e;

/** What a step's Check button said. */
record CheckResult(boolean passed, String message) {
  @Override
  public String toString() {
    return (passed ? "PASS: " : "FAIL: ") + message;
  }
}
