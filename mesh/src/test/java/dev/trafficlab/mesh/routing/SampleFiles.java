package dev.trafficlab.mesh.routing;

import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.mesh.testing.BookinfoSamples;
import dev.trafficlab.mesh.validation.SpecDecoder;
import dev.trafficlab.mesh.yaml.YamlDocument;
import dev.trafficlab.mesh.yaml.YamlNode;
import dev.trafficlab.mesh.yaml.YamlReader;

/**
 * Loads the Istio 1.8.1 sample files (scenarios/assets/...) into a {@link Mesh} through the YAML
 * reader and the spec decoder: the real files, without the store's kubectl semantics (namespace
 * "default" unless written).
 */
public final class SampleFiles {
  private SampleFiles() {}

  public static String read(String file) {
    return BookinfoSamples.networking(file);
  }

  /** Adds every object of the file to the mesh, in file order (so later objects are newer). */
  public static Mesh load(Mesh mesh, String file) {
    return loadText(mesh, read(file));
  }

  /**
   * Adds every object of a YAML text to the mesh, in order (no validation: for texts known to be
   * valid).
   */
  public static Mesh loadText(Mesh mesh, String text) {
    for (YamlDocument doc : YamlReader.read(text)) {
      if (!(doc.root() instanceof YamlNode.Mapping root)) {
        continue;
      }
      ResourceKind kind = ResourceKind.byKind(scalar(root.value("kind"))).orElseThrow();
      YamlNode.Mapping meta = (YamlNode.Mapping) root.value("metadata");
      String ns = meta.value("namespace") == null ? "default" : scalar(meta.value("namespace"));
      mesh.add(kind, ns, scalar(meta.value("name")), SpecDecoder.decode(kind, root.value("spec")));
    }
    return mesh;
  }

  private static String scalar(YamlNode n) {
    return String.valueOf(((YamlNode.Scalar) n).value());
  }
}
