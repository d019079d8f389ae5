package dev.trafficlab.terminal.istioctl;

import dev.trafficlab.mesh.inventory.ClusterState;
import dev.trafficlab.mesh.inventory.SidecarInjection;
import dev.trafficlab.mesh.validation.SchemaCheck;
import dev.trafficlab.mesh.yaml.YamlDocument;
import dev.trafficlab.mesh.yaml.YamlReader;
import dev.trafficlab.mesh.yaml.YamlSyntaxException;
import dev.trafficlab.terminal.Invocation;
import dev.trafficlab.terminal.files.FilesException;
import dev.trafficlab.terminal.format.Yaml;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * istioctl install and kube-inject. Istio 1.8.1 (demo profile) is installed with the cluster; the
 * one install option the lab honours is meshConfig.outboundTrafficPolicy.mode. kube-inject prints a
 * manifest with the sidecar the injector would add.
 */
final class InstallCommands {
  private InstallCommands() {}

  static final String MODE_KEY = "meshConfig.outboundTrafficPolicy.mode";

  static Future<Integer> install(Invocation inv, List<String> args) {
    String mode = null;
    boolean yes = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("-y") || a.equals("--skip-confirmation")) {
        yes = true;
      } else if (a.equals("--set") || a.equals("-s")) {
        if (i + 1 >= args.size()) {
          inv.eprintln("Error: flag needs an argument: --set");
          return Invocation.exit(1);
        }
        String kv = args.get(++i);
        if (kv.startsWith(MODE_KEY + "=")) {
          mode = kv.substring(MODE_KEY.length() + 1);
        }
      } else if (a.startsWith("--set=")) {
        String kv = a.substring("--set=".length());
        if (kv.startsWith(MODE_KEY + "=")) {
          mode = kv.substring(MODE_KEY.length() + 1);
        }
      }
    }
    if (mode == null) {
      inv.println(
          "Istio 1.8.1 (demo profile) is already installed in this lab's cluster: nothing to do."
              + " The one install option the lab applies is --set "
              + MODE_KEY
              + "=ALLOW_ANY|REGISTRY_ONLY.");
      return Invocation.exit(0);
    }
    if (!mode.equals(ClusterState.ALLOW_ANY) && !mode.equals(ClusterState.REGISTRY_ONLY)) {
      inv.eprintln(
          "Error: generate config: unmarshal mesh config: unknown value \""
              + mode
              + "\" for enum istio.mesh.v1alpha1.MeshConfig_OutboundTrafficPolicy_Mode");
      return Invocation.exit(1);
    }
    if (!yes) {
      inv.println(
          "This will install the Istio 1.8.1 demo profile with [\"Istio core\" \"Istiod\""
              + " \"Ingress gateways\" \"Egress gateways\"] components into the cluster. Proceed?"
              + " (y/N) y");
      if (inv.stdin() != null
          && !inv.stdin().strip().toLowerCase(java.util.Locale.ROOT).startsWith("y")) {
        inv.println("Cancelled.");
        return Invocation.exit(1);
      }
    }
    inv.ctx().config().setOutboundTrafficPolicy(mode);
    inv.println("✔ Istio core installed");
    inv.println("✔ Istiod installed");
    inv.println("✔ Egress gateways installed");
    inv.println("✔ Ingress gateways installed");
    inv.println("✔ Installation complete");
    return Invocation.exit(0);
  }

  static Future<Integer> kubeInject(Invocation inv, List<String> args) {
    List<String> files = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("-f") || a.equals("--filename")) {
        if (i + 1 >= args.size()) {
          inv.eprintln("Error: flag needs an argument: 'f' in -f");
          return Invocation.exit(1);
        }
        files.add(args.get(++i));
      } else if (a.startsWith("--filename=")) {
        files.add(a.substring("--filename=".length()));
      } else if (a.startsWith("-f") && a.length() > 2) {
        files.add(a.substring(2));
      }
    }
    if (files.isEmpty()) {
      inv.eprintln("Error: filename not specified (see --filename or -f)");
      return Invocation.exit(1);
    }
    StringBuilder out = new StringBuilder();
    for (String f : files) {
      String text;
      if (f.equals("-")) {
        text = inv.stdin() == null ? "" : inv.stdin();
      } else {
        try {
          text = inv.files().read(inv.resolve(f));
        } catch (FilesException e) {
          inv.eprintln("Error: open " + f + ": no such file or directory");
          return Invocation.exit(1);
        }
      }
      List<YamlDocument> docs;
      try {
        docs = YamlReader.read(text);
      } catch (YamlSyntaxException e) {
        inv.eprintln("Error: " + e.goMessage());
        return Invocation.exit(1);
      }
      for (YamlDocument d : docs) {
        if (!(SchemaCheck.toJson(d.root()) instanceof Map<?, ?> m)) {
          continue;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> obj = (Map<String, Object>) m;
        if (out.length() > 0) {
          out.append("---\n");
        }
        out.append(Yaml.write(SidecarInjection.injectedManifest(obj)));
      }
    }
    inv.print(out.toString());
    return Invocation.exit(0);
  }
}
