package dev.trafficlab.terminal.kubectl;

import dev.trafficlab.mesh.store.ApplyMode;
import dev.trafficlab.mesh.store.ApplyReport;
import dev.trafficlab.mesh.store.KubectlPrinter;
import dev.trafficlab.mesh.store.PrintedLine;
import dev.trafficlab.terminal.Invocation;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * kubectl create deployment NAME --image=IMAGE [--image=…] [--port=N] [--replicas=N]: the
 * Deployment kubectl 1.19 generates (label app=NAME, one container per image named after the
 * image), created through the same apply path as a file, so its errors and quota are the store's.
 */
final class CreateDeployment {
  private CreateDeployment() {}

  static Future<Integer> run(KubectlContext c) {
    Invocation inv = c.inv();
    List<String> pos = c.args().positional;
    if (pos.size() < 2) {
      inv.eprintln("error: exactly one NAME is required, got 0");
      inv.eprintln("See 'kubectl create deployment -h' for help and examples");
      return Invocation.exit(1);
    }
    String name = pos.get(1);
    List<String> images = c.args().all("image");
    if (images.isEmpty()) {
      inv.eprintln("error: required flag(s) \"image\" not set");
      return Invocation.exit(1);
    }
    String replicas = c.args().get("replicas");
    String port = c.args().get("port");
    if (replicas != null && !replicas.matches("\\d{1,4}")) {
      inv.eprintln(
          "Error: invalid argument \""
              + replicas
              + "\" for \"-r, --replicas\" flag: strconv.ParseInt: parsing \""
              + replicas
              + "\": invalid syntax");
      return Invocation.exit(1);
    }
    if (port != null && !port.matches("-?\\d{1,5}")) {
      inv.eprintln(
          "Error: invalid argument \""
              + port
              + "\" for \"--port\" flag: strconv.ParseInt: parsing \""
              + port
              + "\": invalid syntax");
      return Invocation.exit(1);
    }
    String manifest =
        manifest(name, images, replicas == null ? 1 : Integer.parseInt(replicas), port);
    ApplyReport r = inv.ctx().config().apply(manifest, c.namespace(), "STDIN", ApplyMode.CREATE);
    if (r.ok()) {
      KubectlApply.print(inv, KubectlPrinter.lines(r));
      return Invocation.exit(0);
    }
    // kubectl 1.19 wraps the API server's refusal: "error: failed to create deployment: …"
    for (PrintedLine l : KubectlPrinter.lines(r)) {
      if (l.stream() == PrintedLine.Stream.STDOUT) {
        inv.println(l.text());
      } else if (l.text().startsWith("Error from server")) {
        inv.eprintln(
            "error: failed to create deployment: "
                + l.text()
                    .replaceFirst("^Error from server( \\([A-Za-z]+\\))?: ", "")
                    .replaceFirst("^error when creating \"STDIN\": ", ""));
      } else {
        inv.eprintln(l.text());
      }
    }
    return Invocation.exit(1);
  }

  /** The object kubectl 1.19 sends, as YAML. */
  static String manifest(String name, List<String> images, int replicas, String port) {
    StringBuilder y = new StringBuilder();
    y.append("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ")
        .append(quote(name))
        .append("\n  labels:\n    app: ")
        .append(quote(name))
        .append("\nspec:\n  replicas: ")
        .append(replicas)
        .append("\n  selector:\n    matchLabels:\n      app: ")
        .append(quote(name))
        .append("\n  template:\n    metadata:\n      labels:\n        app: ")
        .append(quote(name))
        .append("\n    spec:\n      containers:\n");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      String image = images.get(i);
      y.append("      - name: ")
          .append(quote(containerName(image, names)))
          .append("\n        image: ")
          .append(quote(image))
          .append('\n');
      if (i == 0 && port != null) {
        y.append("        ports:\n        - containerPort: ").append(port).append('\n');
      }
    }
    return y.toString();
  }

  /** The image's last path part without tag or digest, '_' as '-', made unique as kubectl does. */
  static String containerName(String image, List<String> taken) {
    String n = image.substring(image.lastIndexOf('/') + 1);
    int at = n.indexOf('@');
    if (at >= 0) {
      n = n.substring(0, at);
    }
    int colon = n.indexOf(':');
    if (colon >= 0) {
      n = n.substring(0, colon);
    }
    n = n.replace('_', '-');
    String unique = n;
    for (int i = 1; taken.contains(unique); i++) {
      unique = n + "-" + i;
    }
    taken.add(unique);
    return unique;
  }

  /** A YAML double-quoted scalar, so any text the learner typed stays one value. */
  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
