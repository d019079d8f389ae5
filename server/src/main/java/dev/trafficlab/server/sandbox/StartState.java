package dev.trafficlab.server.sandbox;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.store.Snapshot;
import dev.trafficlab.server.lessons.Lesson;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a new sandbox has applied: the lesson start, or no Istio resources at all (Bookinfo runs in
 * both).
 */
public enum StartState {
  LESSON,
  NONE;

  /** The value of istioConfig in POST /api/sandboxes. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The snapshot a new sandbox of this lesson starts from: the lesson's start, or Bookinfo alone
   * (both shared by every sandbox).
   */
  public Snapshot startOf(Lesson lesson) {
    return this == NONE
        ? Snapshot.empty(Inventory.bookinfo(), IstioProfile.ISTIO_1_8)
        : lesson.start();
  }

  public static Optional<StartState> byJsonName(String name) {
    return Arrays.stream(values()).filter(s -> s.jsonName().equals(name)).findFirst();
  }
}
