package dev.trafficlab.mesh.store;

import dev.trafficlab.mesh.model.ApiType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Words an {@link ApplyReport} as kubectl 1.19 prints it: the one place that knows kubectl's text.
 * Success lines go to stdout, warnings ("Warning: ...") and errors to stderr. Errors come last,
 * after every success line, in the two forms kubectl uses: alone (cmdutil.CheckErr: "error: ...",
 * "The X \"n\" is invalid: ...") or among several (cmdutil.MultipleErrors: one per line).
 */
public final class KubectlPrinter {
  private KubectlPrinter() {}

  static final String STOP_VALIDATE =
      "if you choose to ignore these errors, turn validation off with --validate=false";

  /**
   * How to print a report.
   *
   * @param dryRunSuffix appended to each success line of kubectl apply --dry-run (" (dry run)", "
   *     (server dry run)"); empty otherwise
   * @param ignoreNotFound kubectl delete --ignore-not-found: NotFound failures are not errors
   */
  public record Options(String dryRunSuffix, boolean ignoreNotFound) {
    public static final Options PLAIN = new Options("", false);
  }

  public static List<PrintedLine> lines(ApplyReport report) {
    return lines(report, Options.PLAIN);
  }

  /** Every line kubectl prints for this report, in order, each with its stream. */
  public static List<PrintedLine> lines(ApplyReport report, Options options) {
    List<PrintedLine> out = new ArrayList<>();
    if (report.results().isEmpty()) {
      if (report.verb() == Verb.DELETE) {
        out.add(PrintedLine.out("No resources found"));
      } else {
        out.add(
            PrintedLine.err(
                "error: no objects passed to "
                    + (report.verb() == Verb.CREATE ? "create" : "apply")));
      }
      return out;
    }
    List<DocumentResult> failedWhileReading = new ArrayList<>();
    List<DocumentResult> failedLater = new ArrayList<>();
    Set<String> printedWarnings = new LinkedHashSet<>();
    for (DocumentResult r : report.results()) {
      Reason reason = r.reason();
      if (reason == Reason.NOT_PROCESSED
          || (reason == Reason.NOT_FOUND && options.ignoreNotFound())) {
        continue;
      }
      if (reason != null && reason.whileReading()) {
        failedWhileReading.add(r);
        continue;
      }
      for (String w : r.warnings()) {
        // kubectl's warning writer prints each distinct warning once per run.
        if (printedWarnings.add(w)) {
          addLines(out, PrintedLine.Stream.STDERR, "Warning: " + w + "\n");
        }
      }
      if (r.failure() != null) {
        failedLater.add(r);
      } else {
        out.add(PrintedLine.out(successLine(r, options.dryRunSuffix())));
      }
    }
    List<DocumentResult> errors = new ArrayList<>(failedWhileReading);
    errors.addAll(failedLater);
    if (errors.size() == 1) {
      String alone = alone(errors.get(0));
      addLines(out, PrintedLine.Stream.STDERR, alone.endsWith("\n") ? alone : alone + "\n");
    } else {
      for (DocumentResult e : errors) {
        addLines(out, PrintedLine.Stream.STDERR, amongOthers(e) + "\n");
      }
    }
    return out;
  }

  /** The lines as one text, each ending with a newline (both streams, as a terminal shows them). */
  public static String text(List<PrintedLine> lines) {
    StringBuilder b = new StringBuilder();
    for (PrintedLine l : lines) {
      b.append(l.text()).append('\n');
    }
    return b.toString();
  }

  /**
   * The one line kubectl prints when this object was created, configured, left unchanged or
   * deleted.
   */
  public static String successLine(DocumentResult r, String dryRunSuffix) {
    ApiType kind = r.type();
    if (kind == null) {
      throw new IllegalArgumentException("no kind: " + r);
    }
    if (r.action() == Action.DELETED) {
      return kind.qualifiedSingular() + " \"" + r.name() + "\" deleted";
    }
    return kind.qualifiedSingular() + "/" + r.name() + " " + r.action().jsonName() + dryRunSuffix;
  }

  /**
   * The document's error as kubectl prints it when it is the only one, without the final newline.
   */
  static String error(DocumentResult r) {
    // kubectl prints nothing for a document it never read; the lab's own words explain it
    return r.reason() == Reason.NOT_PROCESSED ? r.failure().message() : alone(r).strip();
  }

  /** cmdutil.CheckErr's form; may span lines. */
  private static String alone(DocumentResult r) {
    Failure f = r.failure();
    if (f.reason() == Reason.INVALID) {
      String prefix = "The " + r.kind() + " \"" + r.name() + "\" is invalid: ";
      if (f.causes().size() == 1) {
        return prefix + f.causes().get(0).message();
      }
      StringBuilder b = new StringBuilder(prefix).append('\n');
      for (Cause c : f.causes()) {
        b.append("* ").append(c.message()).append('\n');
      }
      return b.toString();
    }
    if (f.reason().fromServer()) {
      return fromServer(r);
    }
    String message = clientError(r);
    return message.startsWith("error: ") ? message : "error: " + message;
  }

  /** cmdutil.MultipleErrors' form: one error among several. */
  private static String amongOthers(DocumentResult r) {
    return r.failure().reason().fromServer() ? fromServer(r) : clientError(r);
  }

  private static String fromServer(DocumentResult r) {
    Failure f = r.failure();
    String reason = f.reason().statusReason();
    String message = frame(r) + f.message();
    return reason.isEmpty()
        ? "Error from server: " + message
        : "Error from server (" + reason + "): " + message;
  }

  private static String clientError(DocumentResult r) {
    Failure f = r.failure();
    String source = f.request().source();
    return switch (f.reason()) {
      case PARSE_ERROR -> "error parsing " + source + ": " + f.message();
      case CLIENT_VALIDATION ->
          "error validating \"" + source + "\": " + f.message() + "; " + STOP_VALIDATE;
      case UNSERVED_VERSION -> "unable to recognize \"" + source + "\": " + f.message();
      default -> frame(r) + f.message();
    };
  }

  /**
   * What kubectl puts before the error to say what it was doing ("error when creating \"f.yaml\":
   * ").
   */
  private static String frame(DocumentResult r) {
    Request q = r.failure().request();
    if (q.source() == null) {
      return "";
    }
    return switch (q.operation()) {
      case READ -> "";
      case RETRIEVE ->
          "error when retrieving current configuration of:\n"
              + info(r)
              + "\nfrom server for: \""
              + q.source()
              + "\": ";
      case CREATE -> "error when creating \"" + q.source() + "\": ";
      case PATCH ->
          "error when applying patch:\n"
              + q.patch()
              + "\nto:\n"
              + info(r)
              + "\nfor: \""
              + q.source()
              + "\": ";
      case DELETE -> "error when deleting \"" + q.source() + "\": ";
    };
  }

  /**
   * The object as resource.Info prints it: "Resource: ..., GroupVersionKind: ...\nName: ...,
   * Namespace: ...".
   */
  private static String info(DocumentResult r) {
    ApiType kind = r.type();
    if (kind == null) {
      throw new IllegalArgumentException("no kind: " + r);
    }
    String apiVersion = r.apiVersion();
    String gv = apiVersion.contains("/") ? apiVersion : "/" + apiVersion;
    return "Resource: \""
        + gv
        + ", Resource="
        + kind.plural()
        + "\", GroupVersionKind: \""
        + gv
        + ", Kind="
        + kind.kind()
        + "\"\nName: \""
        + (r.name() == null ? "" : r.name())
        + "\", Namespace: \""
        + (r.namespace() == null ? "" : r.namespace())
        + "\"";
  }

  /** Adds a block that ends with a newline, one line at a time. */
  private static void addLines(List<PrintedLine> out, PrintedLine.Stream stream, String block) {
    for (String line : block.substring(0, block.length() - 1).split("\n", -1)) {
      out.add(new PrintedLine(stream, line));
    }
  }
}
