package dev.trafficlab.mesh.testing;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.store.ConfigStore;
import dev.trafficlab.mesh.store.Snapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Istio 1.8.1's Bookinfo sample files as every module's tests read them: from the repository's
 * {@code scenarios/assets/}, the same files the lessons ship. Shared through mesh's test jar, so
 * there is one way to load them.
 */
public final class BookinfoSamples {
  /** The lesson start of traffic-management: applied in this order. */
  public static final List<String> LESSON_START =
      List.of("bookinfo-gateway.yaml", "destination-rule-all.yaml");

  private static final Path ASSETS = findAssets();

  private BookinfoSamples() {}

  /** {@code scenarios/assets/}: mounted at /root in a sandbox. */
  public static Path assets() {
    return ASSETS;
  }

  /** The Istio release folder, $ISTIO_HOME in a sandbox. */
  public static Path istioHome() {
    return ASSETS.resolve("istio-1.8.1");
  }

  /** {@code samples/bookinfo/networking/}: the routing files the lesson applies. */
  public static Path networkingDir() {
    return istioHome().resolve("samples/bookinfo/networking");
  }

  /** A file of {@code samples/bookinfo/networking/}, e.g. {@code virtual-service-all-v1.yaml}. */
  public static String networking(String file) {
    return read(networkingDir().resolve(file));
  }

  /**
   * A file by its path under $ISTIO_HOME, e.g. {@code
   * samples/bookinfo/platform/kube/bookinfo.yaml}.
   */
  public static String istio(String pathUnderIstioHome) {
    return read(istioHome().resolve(pathUnderIstioHome));
  }

  /**
   * These networking files applied, in order, to an empty cluster with creation time {@code
   * created}.
   */
  public static Snapshot startState(Instant created, String... networkingFiles) {
    List<ConfigStore.SourceText> sources = new ArrayList<>();
    for (String file : networkingFiles) {
      sources.add(new ConfigStore.SourceText(file, networking(file)));
    }
    return ConfigStore.startState(sources, Inventory.bookinfo(), IstioProfile.ISTIO_1_8, created);
  }

  /**
   * The traffic-management lesson's start (gateway and destination rules), created at {@code
   * created}.
   */
  public static Snapshot lessonStart(Instant created) {
    return startState(created, LESSON_START.toArray(String[]::new));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the sample file " + file, e);
    }
  }

  /**
   * Tests run with a module folder as working directory; the samples sit at the repository root.
   */
  private static Path findAssets() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("scenarios/assets");
      if (Files.isDirectory(candidate.resolve("istio-1.8.1"))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "no scenarios/assets/istio-1.8.1 above " + Path.of("").toAbsolutePath());
  }
}
