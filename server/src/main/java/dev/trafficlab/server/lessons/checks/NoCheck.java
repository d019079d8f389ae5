package dev.trafficlab.server.lessons.checks;

/**
 * A step that declares nothing to verify: its Check button says so instead of pretending to pass.
 */
public record NoCheck() implements StateCheck {
  @Override
  public CheckResult run(CheckContext context) {
    return CheckResult.pass(
        "This step has nothing to check: read it, try the commands, and go on.");
  }
}
