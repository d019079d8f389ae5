package dev.trafficlab.mesh.store;

/** What happened to one document; JSON name is the lower-case form. */
public enum Action {
  CREATED,
  CONFIGURED,
  UNCHANGED,
  REJECTED,
  DELETED;

  public String jsonName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
