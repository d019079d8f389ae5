package dev.trafficlab.mesh.store;

import dev.trafficlab.mesh.inventory.ClusterState;
import dev.trafficlab.mesh.model.IstioProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;

/**
 * The start cluster every sandbox shares: the platform with Istio 1.8.1's bookinfo.yaml applied
 * through the same apply path a learner's file takes, built once per profile. Sandboxes hold the
 * same Snapshot until their first change (a change copies only the maps it touches).
 *
 * <p>Its objects are created at {@link #INSTALLED} (the epoch, plus a millisecond per object): a
 * creation time before {@link #installedBefore} means "there since the cluster was set up", and
 * printers show such objects as old as the sandbox's cluster.
 */
final class BookinfoTemplate {
  private BookinfoTemplate() {}

  static final Instant INSTALLED = Instant.EPOCH;

  static final String SOURCE = "samples/bookinfo/platform/kube/bookinfo.yaml";

  private static final Map<IstioProfile, Snapshot> BUILT = new EnumMap<>(IstioProfile.class);

  static synchronized Snapshot get(IstioProfile profile) {
    return BUILT.computeIfAbsent(profile, BookinfoTemplate::build);
  }

  /** True for creation times of the start cluster's own objects. */
  static boolean installedBefore(Instant t) {
    return t != null && t.isBefore(INSTALLED.plusSeconds(86_400));
  }

  private static Snapshot build(IstioProfile profile) {
    Clock fixed = Clock.fixed(INSTALLED, ZoneOffset.UTC);
    // uids named, not random: every server of one version has the same start cluster
    ConfigStore store =
        new ConfigStore(
            Snapshot.bare(profile, ClusterState.bookinfoPins()),
            fixed,
            ConfigStore.Room.UNLIMITED,
            Stamps.namedUids(SOURCE + ":" + profile.name()));
    ApplyReport r = store.apply(text(), "default", SOURCE, ApplyMode.APPLY);
    if (!r.ok()) {
      throw new IllegalStateException("bookinfo.yaml does not apply: " + r.output());
    }
    Snapshot s = store.current();
    return new Snapshot(
        1,
        new java.util.TreeMap<>(s.allObjects()),
        new java.util.TreeMap<>(s.namespaceLabels()),
        // installed long before the sandbox: its events have expired
        s.cluster().withoutEvents(),
        profile,
        null);
  }

  static String text() {
    String path = "/istio-1.8.1/" + SOURCE;
    try (InputStream in = BookinfoTemplate.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
