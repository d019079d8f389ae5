package dev.trafficlab.mesh.store;

import java.util.List;

/**
 * One error of a kubectl run, in the three shapes kubectl 1.19 prints differently: a client-side error, an API
 * status error ("Error from server (Reason): ..."), and an Invalid status, which kubectl prints specially when it
 * is the only error of the run.
 */
record KubectlError(Shape shape, String reason, String message, String kind, String name, List<String> causes) {
  enum Shape { CLIENT, STATUS, INVALID }

  static KubectlError client(String message) {
    return new KubectlError(Shape.CLIENT, "", message, null, null, List.of());
  }

  static KubectlError status(String reason, String message) {
    return new KubectlError(Shape.STATUS, reason, message, null, null, List.of());
  }

  /** message is the status message (already prefixed with "error when creating ..."). */
  static KubectlError invalid(String message, String kind, String name, List<String> causes) {
    return new KubectlError(Shape.INVALID, "Invalid", message, kind, name, List.copyOf(causes));
  }

  /** How kubectl prints it when it is the only error (cmdutil.CheckErr). */
  String single() {
    return switch (shape) {
      case CLIENT -> message.startsWith("error: ") ? message : "error: " + message;
      case STATUS -> fromServer();
      case INVALID -> {
        String prefix = "The " + kind + " \"" + name + "\" is invalid: ";
        if (causes.size() == 1) {
          yield prefix + causes.get(0);
        }
        StringBuilder b = new StringBuilder(prefix).append('\n');
        for (String c : causes) {
          b.append("* ").append(c).append('\n');
        }
        yield b.toString();
      }
    };
  }

  /** How kubectl prints it among several errors (cmdutil.MultipleErrors). */
  String inList() {
    return shape == Shape.CLIENT ? message : fromServer();
  }

  private String fromServer() {
    return reason.isEmpty() ? "Error from server: " + message : "Error from server (" + reason + "): " + message;
  }

  /** The error block kubectl prints at the end of a run (stderr), ending with a newline. */
  static String render(List<KubectlError> errors) {
    if (errors.isEmpty()) {
      return "";
    }
    if (errors.size() == 1) {
      String s = errors.get(0).single();
      return s.endsWith("\n") ? s : s + "\n";
    }
    StringBuilder b = new StringBuilder();
    for (KubectlError e : errors) {
      b.append(e.inList()).append('\n');
    }
    return b.toString();
  }
}
