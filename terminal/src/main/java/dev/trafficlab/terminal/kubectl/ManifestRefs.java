package dev.trafficlab.terminal.kubectl;

import dev.trafficlab.mesh.yaml.YamlDocument;
import dev.trafficlab.mesh.yaml.YamlNode;
import dev.trafficlab.mesh.yaml.YamlReader;
import dev.trafficlab.mesh.yaml.YamlSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The objects a manifest names (kubectl get|describe -f FILE): each document's kind, apiVersion
 * group, name and namespace, looked up in the cluster.
 */
final class ManifestRefs {
  private ManifestRefs() {}

  /**
   * Adds the named objects to {@code found} (and their refs, in file order), kubectl's NotFound
   * lines to {@code errors}; false after printing an error that ends the command.
   */
  static boolean lookUp(
      KubectlContext c,
      KubeObjects objects,
      List<ResourceRef> refs,
      List<KubeObject> found,
      List<String> errors) {
    List<KubectlApply.Source> sources = new ArrayList<>();
    if (!KubectlApply.collect(c, c.args().all("filename"), sources)) {
      return false;
    }
    for (KubectlApply.Source s : sources) {
      List<YamlDocument> docs;
      try {
        docs = YamlReader.read(s.text());
      } catch (YamlSyntaxException e) {
        c.inv().eprintln("error: " + e.kubectlMessage(s.name()));
        return false;
      }
      for (YamlDocument d : docs) {
        if (!(d.root() instanceof YamlNode.Mapping m)) {
          continue;
        }
        List<YamlNode> items = new ArrayList<>();
        if (m.value("items") instanceof YamlNode.Sequence seq
            && text(m.value("kind")).endsWith("List")) {
          items.addAll(seq.items());
        } else {
          items.add(m);
        }
        for (YamlNode item : items) {
          if (!(item instanceof YamlNode.Mapping obj)) {
            continue;
          }
          String kind = text(obj.value("kind"));
          String apiVersion = text(obj.value("apiVersion"));
          String group =
              apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
          Optional<KubeType> type = KubeTypes.byKind(kind, group);
          if (type.isEmpty()) {
            c.inv()
                .eprintln(
                    "error: unable to recognize \""
                        + s.name()
                        + "\": no matches for kind \""
                        + kind
                        + "\" in version \""
                        + apiVersion
                        + "\"");
            return false;
          }
          YamlNode meta = obj.value("metadata");
          String name = meta instanceof YamlNode.Mapping mm ? text(mm.value("name")) : "";
          String ns = meta instanceof YamlNode.Mapping mm ? text(mm.value("namespace")) : "";
          if (ns.isEmpty()) {
            ns = c.namespace();
          }
          ResourceRef ref = new ResourceRef(type.get(), name);
          refs.add(ref);
          Optional<KubeObject> o = objects.get(type.get(), ns, name);
          if (o.isPresent()) {
            found.add(o.get());
          } else {
            errors.add(ref.notFound());
          }
        }
      }
    }
    return true;
  }

  private static String text(YamlNode n) {
    return n instanceof YamlNode.Scalar s && s.value() != null ? String.valueOf(s.value()) : "";
  }
}
