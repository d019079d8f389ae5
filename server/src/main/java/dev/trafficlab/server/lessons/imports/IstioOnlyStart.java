package dev.trafficlab.server.lessons.imports;

import dev.trafficlab.mesh.model.ApiTypes;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.mesh.store.ConfigStore;
import dev.trafficlab.mesh.store.DocumentResult;
import dev.trafficlab.mesh.store.Snapshot;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The cluster an imported scenario starts from: Kubernetes with Istio 1.8.1 installed and nothing
 * else (no Bookinfo, the default namespace not labelled for injection), as a scenario's own set-up
 * leaves a fresh cluster after `istioctl install`. Its scripts deploy the rest.
 */
public final class IstioOnlyStart {
  private IstioOnlyStart() {}

  public static Snapshot create(Instant at) {
    ConfigStore store =
        new ConfigStore(Snapshot.bare(IstioProfile.ISTIO_1_8), Clock.fixed(at, ZoneOffset.UTC));
    DocumentResult unlabelled =
        store.label(
            ApiTypes.of(ResourceKind.NAMESPACE),
            "",
            "default",
            Map.of(),
            List.of("istio-injection"),
            false);
    if (unlabelled.failure() != null) {
      throw new IllegalStateException("cannot unlabel the default namespace: " + unlabelled);
    }
    return store.current();
  }
}
