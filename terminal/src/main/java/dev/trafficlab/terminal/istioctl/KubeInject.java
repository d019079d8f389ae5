package dev.trafficlab.terminal.istioctl;

import dev.trafficlab.mesh.inventory.SidecarInjection;
import dev.trafficlab.mesh.validation.SchemaCheck;
import dev.trafficlab.mesh.yaml.YamlDocument;
import dev.trafficlab.mesh.yaml.YamlReader;
import dev.trafficlab.mesh.yaml.YamlSyntaxException;
import dev.trafficlab.terminal.Invocation;
import dev.trafficlab.terminal.files.FilesException;
import dev.trafficlab.terminal.format.Yaml;
import io.vertx.core.Future;
import java.util.Map;

/**
 * istioctl kube-inject -f FILE|-: prints the manifest with Istio 1.8.1's sidecar added to each
 * workload's pod template, so that the 1.8 tasks' {@code cat <<EOF | istioctl kube-inject -f - |
 * kubectl create -f -} pipelines run.
 */
final class KubeInject {
  private KubeInject() {}

  @SuppressWarnings("unchecked")
  static Future<Integer> run(Invocation inv, IstioctlArgs a) {
    String file = a.get("filename");
    if (file == null) {
      inv.eprintln("Error: filename not specified (see --filename or -f)");
      return Invocation.exit(1);
    }
    String text;
    if (file.equals("-")) {
      text = inv.stdin() == null ? "" : inv.stdin();
    } else {
      try {
        text = inv.files().read(inv.resolve(file));
      } catch (FilesException e) {
        inv.eprintln("Error: open " + file + ": no such file or directory");
        return Invocation.exit(1);
      }
    }
    StringBuilder out = new StringBuilder();
    try {
      for (YamlDocument d : YamlReader.read(text)) {
        if (!(SchemaCheck.toJson(d.root()) instanceof Map<?, ?> object)) {
          continue;
        }
        out.append(Yaml.write(SidecarInjection.injectedManifest((Map<String, Object>) object)));
        out.append("---\n");
      }
    } catch (YamlSyntaxException e) {
      inv.eprintln("Error: " + e.getMessage());
      return Invocation.exit(1);
    }
    inv.print(out.toString());
    return Invocation.exit(0);
  }
}
