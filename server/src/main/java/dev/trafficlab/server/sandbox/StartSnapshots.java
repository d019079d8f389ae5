package dev.trafficlab.server.sandbox;

import dev.trafficlab.terminal.files.SandboxFiles;
import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.store.ConfigStore;
import dev.trafficlab.mesh.store.Snapshot;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The start states of sandboxes, built once at start-up: every sandbox shares these immutable snapshots, so
 * creating one costs no parsing or compiling.
 */
public final class StartSnapshots {
  static final String SAMPLES = "scenarios/assets/istio-1.8.1/samples/bookinfo/networking/";
  static final String LESSON_INDEX = "scenarios/traffic-management/index.json";
  static final List<String> DEFAULT_START_FILES = List.of("bookinfo-gateway.yaml", "destination-rule-all.yaml");

  private final Map<StartState, Snapshot> snapshots;
  private final List<String> lessonFiles;

  private StartSnapshots(Snapshot lesson, Snapshot none, List<String> lessonFiles) {
    this.snapshots = Map.of(StartState.LESSON, lesson, StartState.NONE, none);
    this.lessonFiles = List.copyOf(lessonFiles);
  }

  public Snapshot get(StartState state) {
    return snapshots.get(state);
  }

  /** Classpath paths of the files the lesson start applies, in order. */
  public List<String> lessonFiles() {
    return lessonFiles;
  }

  /** {@link #load(ClassLoader, Clock)} with objects created now. */
  public static StartSnapshots load(ClassLoader loader) {
    return load(loader, Clock.systemUTC());
  }

  /** Reads the lesson's start list from the classpath and applies its files to an empty cluster, once. */
  public static StartSnapshots load(ClassLoader loader, Clock clock) {
    Snapshot none = Snapshot.empty(Inventory.bookinfo(), IstioProfile.ISTIO_1_8);
    List<String> files = startFiles(loader);
    List<ConfigStore.SourceText> sources = new ArrayList<>();
    for (String file : files) {
      sources.add(new ConfigStore.SourceText(file.substring(file.lastIndexOf('/') + 1), read(loader, file)));
    }
    Snapshot lesson = ConfigStore.startState(sources, Inventory.bookinfo(), IstioProfile.ISTIO_1_8, clock.instant());
    return new StartSnapshots(lesson, none, files);
  }

  /**
   * The files the lesson declares as its start ("start" in its index: a list of names in the samples' networking
   * folder or of paths under scenarios/assets/, or an object holding such a list under "apply" or "files"),
   * else bookinfo-gateway.yaml and destination-rule-all.yaml.
   */
  static List<String> startFiles(ClassLoader loader) {
    List<String> names = declaredStart(loader);
    List<String> paths = new ArrayList<>();
    for (String name : names.isEmpty() ? DEFAULT_START_FILES : names) {
      paths.add(resolve(name));
    }
    return paths;
  }

  private static List<String> declaredStart(ClassLoader loader) {
    try (InputStream in = loader.getResourceAsStream(LESSON_INDEX)) {
      if (in == null) {
        return List.of();
      }
      JsonObject index = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      Object start = index.getValue("start");
      if (start instanceof JsonObject object) {
        start = object.containsKey("apply") ? object.getValue("apply") : object.getValue("files");
      }
      List<String> names = new ArrayList<>();
      if (start instanceof JsonArray array) {
        for (Object entry : array) {
          if (entry instanceof String s && !s.isBlank()) {
            names.add(s.trim());
          } else if (entry instanceof JsonObject o && o.getValue("file") instanceof String s) {
            names.add(s.trim());
          }
        }
      }
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + LESSON_INDEX, e);
    } catch (DecodeException e) {
      throw new IllegalStateException(LESSON_INDEX + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  /** A start entry as a classpath path: sandbox paths (/root/..., $ISTIO_HOME/...) map onto scenarios/assets/. */
  static String resolve(String name) {
    String n = name.replace("$ISTIO_HOME/", "istio-1.8.1/").replace("${ISTIO_HOME}/", "istio-1.8.1/");
    if (n.startsWith(SandboxFiles.HOME + "/")) {
      n = n.substring(SandboxFiles.HOME.length() + 1);
    }
    if (n.startsWith("scenarios/")) {
      return n;
    }
    if (n.startsWith("istio-1.8.1/")) {
      return "scenarios/assets/" + n;
    }
    if (n.startsWith("assets/")) {
      return "scenarios/" + n;
    }
    if (n.contains("/")) {
      return "scenarios/assets/istio-1.8.1/" + n;
    }
    return SAMPLES + n;
  }

  private static String read(ClassLoader loader, String path) {
    try (InputStream in = loader.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("the lesson start file " + path + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }
}
