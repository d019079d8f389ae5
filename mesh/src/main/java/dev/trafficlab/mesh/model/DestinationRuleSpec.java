package dev.trafficlab.mesh.model;

import java.util.List;
import java.util.Map;

/**
 * DestinationRule spec. Traffic policies are kept as written (Istio field names), since the route
 * resolution only needs to select and report them, and kubectl prints them back verbatim.
 */
public record DestinationRuleSpec(
    String host,
    Map<String, Object> trafficPolicy,
    List<Subset> subsets,
    List<String> exportTo,
    Pos pos) {

  public DestinationRuleSpec {
    subsets = subsets == null ? List.of() : List.copyOf(subsets);
    exportTo = exportTo == null ? List.of() : List.copyOf(exportTo);
  }

  public record Subset(
      String name, Map<String, String> labels, Map<String, Object> trafficPolicy, Pos pos) {
    public Subset {
      labels = labels == null ? Map.of() : labels;
    }
  }
}
