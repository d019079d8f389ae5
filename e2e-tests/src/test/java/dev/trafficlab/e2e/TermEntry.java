package dev.trafficlab.e2e;

/** One command in the page's terminal: what ran, what it printed, how it exited. */
record TermEntry(String command, String result, String exitCode) {

  boolean succeeded() {
    return "0".equals(exitCode);
  }

  @Override
  public String toString() {
    return "$ " + command + "  [exit " + exitCode + "]\n" + result;
  }
}
