package dev.trafficlab.mesh.store;

/** What happened to one document; JSON name is the lower-case form. */
public enum Action {
  CREATED,
  CONFIGURED,
  UNCHANGED,
  REJECTED,
  DELETED,
  /** kubectl scale. */
  SCALED,
  /** kubectl set image. */
  IMAGE_UPDATED,
  /** kubectl rollout restart. */
  RESTARTED,
  /** kubectl rollout undo. */
  ROLLED_BACK,
  /** kubectl label that changed the labels. */
  LABELED,
  /** kubectl label that left them as they were. */
  NOT_LABELED,
  /** kubectl annotate. */
  ANNOTATED,
  /** kubectl patch that changed the object. */
  PATCHED,
  /** kubectl patch that left it as it was. */
  PATCHED_NO_CHANGE;

  /** The word kubectl prints: created, image updated, patched (no change)... */
  public String jsonName() {
    return switch (this) {
      case IMAGE_UPDATED -> "image updated";
      case ROLLED_BACK -> "rolled back";
      case NOT_LABELED -> "not labeled";
      case PATCHED_NO_CHANGE -> "patched (no change)";
      default -> name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  /** True when the object changed (a new state is published). */
  public boolean changed() {
    return this != UNCHANGED
        && this != REJECTED
        && this != NOT_LABELED
        && this != PATCHED_NO_CHANGE;
  }
}
