package dev.trafficlab.mesh.yaml;

/**
 * One non-empty document of a YAML stream.
 *
 * @param root the document's root node (a mapping for any Kubernetes object)
 * @param firstLine the 1-based line of the text where this document's chunk starts (kubectl splits
 *     the stream at lines holding only "---" and reports parse errors relative to the chunk)
 */
public record YamlDocument(YamlNode root, int firstLine) {}
