package dev.trafficlab.mesh.routing;

import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.mesh.validation.SpecDecoder;
import dev.trafficlab.mesh.yaml.YamlDocument;
import dev.trafficlab.mesh.yaml.YamlNode;
import dev.trafficlab.mesh.yaml.YamlReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads the Istio 1.8.1 sample files (scenarios/assets/...) into a {@link Mesh} through the YAML reader and the
 * spec decoder: the real files, without the store's kubectl semantics (namespace "default" unless written).
 */
public final class SampleFiles {
  /** The networking samples, relative to the mesh module directory (the working directory of surefire). */
  public static final Path NETWORKING = Path.of("..", "scenarios", "assets", "istio-1.8.1", "samples", "bookinfo",
      "networking");

  private SampleFiles() {}

  public static String read(String file) {
    try {
      return Files.readString(NETWORKING.resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds every object of the file to the mesh, in file order (so later objects are newer). */
  public static Mesh load(Mesh mesh, String file) {
    return loadText(mesh, read(file));
  }

  /** Adds every object of a YAML text to the mesh, in order (no validation: for texts known to be valid). */
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
