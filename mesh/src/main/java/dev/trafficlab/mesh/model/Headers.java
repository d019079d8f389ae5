package dev.trafficlab.mesh.model;

import java.util.List;
import java.util.Map;

/** headers: request and response operations (either may be null). */
public record Headers(Operations request, Operations response) {

  public record Operations(Map<String, String> set, Map<String, String> add, List<String> remove) {
    public Operations {
      set = set == null ? Map.of() : set;
      add = add == null ? Map.of() : add;
      remove = remove == null ? List.of() : List.copyOf(remove);
    }
  }
}
