package dev.trafficlab.mesh.store;

/** How kubectl patch reads its patch (--type strategic, the default; merge; json). */
public enum PatchType {
  STRATEGIC,
  MERGE,
  JSON
}
