package dev.trafficlab.terminal.kubectl;

import dev.trafficlab.mesh.model.Resource;
import dev.trafficlab.terminal.Invocation;
import dev.trafficlab.terminal.files.FilesException;
import dev.trafficlab.terminal.format.Yaml;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * kubectl edit KIND NAME: writes the object's YAML to /tmp/kubectl-edit-KIND-NAME.yaml and asks the
 * page to open it in the editor, whose Apply (kubectl apply -f of that file) updates the object.
 */
final class KubectlEdit {
  private KubectlEdit() {}

  static Future<Integer> edit(KubectlContext c) {
    Invocation inv = c.inv();
    List<ResourceRef> refs = ResourceRef.parse(inv, c.args().positional);
    if (refs == null) {
      return Invocation.exit(1);
    }
    if (refs.size() != 1 || refs.get(0).name() == null) {
      inv.eprintln("error: the lab's kubectl edit opens one object: kubectl edit KIND NAME");
      return Invocation.exit(1);
    }
    ResourceRef ref = refs.get(0);
    Optional<KubeObject> o = c.objects().get(ref.kind(), c.namespace(), ref.name());
    if (o.isEmpty()) {
      inv.eprintln(ref.notFound());
      return Invocation.exit(1);
    }
    if (!(o.get().source() instanceof Resource r)) {
      inv.eprintln(
          "error: "
              + ref.kind().qualifiedPlural()
              + " \""
              + ref.name()
              + "\" is read-only in Traffic Lab:"
              + " only Istio resources (virtualservices, destinationrules, gateways, serviceentries) can be edited");
      return Invocation.exit(1);
    }
    String path = "/tmp/kubectl-edit-" + ref.kind().singular() + "-" + ref.name() + ".yaml";
    try {
      inv.files().write(path, text(r));
    } catch (FilesException e) {
      inv.eprintln("error: could not write " + path + ": " + e.getMessage());
      return Invocation.exit(1);
    }
    inv.println("Opened " + o.get().qualifiedName() + " in the editor as " + path + ".");
    inv.println(
        "Edit it there and press Apply (kubectl apply -f " + path + ") to save the change.");
    Map<String, Object> action = new LinkedHashMap<>();
    action.put("type", "open");
    action.put("path", path);
    inv.addAction(action);
    return Invocation.exit(0);
  }

  /**
   * The object as an applyable file: kubectl edit's header comment, apiVersion, kind,
   * name/namespace, spec.
   */
  static String text(Resource r) {
    Map<String, Object> meta = new LinkedHashMap<>();
    if (!r.meta().annotations().isEmpty()) {
      Map<String, String> ann = new TreeMap<>(r.meta().annotations());
      ann.remove("kubectl.kubernetes.io/last-applied-configuration");
      if (!ann.isEmpty()) {
        meta.put("annotations", ann);
      }
    }
    if (!r.meta().labels().isEmpty()) {
      meta.put("labels", new TreeMap<>(r.meta().labels()));
    }
    meta.put("name", r.name());
    meta.put("namespace", r.namespace());
    Map<String, Object> obj = new LinkedHashMap<>();
    obj.put("apiVersion", r.apiVersion());
    obj.put("kind", r.kind().kind());
    obj.put("metadata", meta);
    obj.put("spec", r.rawSpec() == null ? Map.of() : r.rawSpec());
    return "# Please edit the object below. Lines beginning with a '#' will be ignored.\n"
        + "# Press Apply to save it (kubectl apply -f this file); an invalid change is refused with Istio's message\n"
        + "# and nothing already applied is lost.\n"
        + "#\n"
        + Yaml.write(obj);
  }
}
