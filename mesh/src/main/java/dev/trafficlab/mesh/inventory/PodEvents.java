package dev.trafficlab.mesh.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The scheduler's and kubelet's events of a pod's start, as a function of its creation time: none
 * of them is stored, they follow from the instants the pod keeps.
 */
final class PodEvents {
  private PodEvents() {}

  static List<Event> of(Pod p) {
    List<Event> out = new ArrayList<>();
    Instant created = p.created();
    long total = p.startMillis();
    out.add(
        event(
            p,
            created,
            "Scheduled",
            "Successfully assigned " + p.namespace() + "/" + p.name() + " to " + Pod.NODE,
            "default-scheduler"));
    Instant t = created.plusMillis(total / 10);
    if (p.sidecar()) {
      out.addAll(present(p, "istio-init", Container.PROXY_IMAGE, t));
      t = created.plusMillis(total / 2);
    }
    Container app = p.appContainer();
    out.add(event(p, t, "Pulling", "Pulling image \"" + app.image() + "\"", "kubelet"));
    long pullMillis = Math.max(1, total * 3 / 10);
    Instant pulled = t.plusMillis(pullMillis);
    out.add(
        event(
            p,
            pulled,
            "Pulled",
            "Successfully pulled image \""
                + app.image()
                + "\" in "
                + String.format(java.util.Locale.ROOT, "%.9fs", pullMillis / 1000.0),
            "kubelet"));
    out.add(event(p, pulled, "Created", "Created container " + app.name(), "kubelet"));
    out.add(event(p, pulled, "Started", "Started container " + app.name(), "kubelet"));
    for (Container c : p.containers().subList(1, p.containers().size())) {
      out.addAll(present(p, c.name(), c.image(), pulled));
    }
    return out;
  }

  private static List<Event> present(Pod p, String container, String image, Instant at) {
    return List.of(
        event(
            p,
            at,
            "Pulled",
            "Container image \"" + image + "\" already present on machine",
            "kubelet"),
        event(p, at, "Created", "Created container " + container, "kubelet"),
        event(p, at, "Started", "Started container " + container, "kubelet"));
  }

  private static Event event(Pod p, Instant at, String reason, String message, String source) {
    return new Event(p.namespace(), "Pod", p.name(), "Normal", reason, message, at, source);
  }
}
