package dev.trafficlab.mesh.store;

import dev.trafficlab.mesh.inventory.ClusterState;
import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.model.ApiType;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.model.Resource;
import dev.trafficlab.mesh.model.ResourceKind;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A sandbox's API server: applies text with kubectl semantics and publishes each successful change
 * as a new immutable {@link Snapshot}. One writer at a time: the caller serialises changes (the
 * server runs them all on the sandbox's serial queue, docs/threading.md), so the store takes no
 * lock. Readers only ever read {@link #current()}, so a reader sees either the state before a whole
 * apply or the state after it, never half of one.
 */
public final class ConfigStore {
  /**
   * Where the store reports how much its objects hold (about, in characters) before a change is
   * published; a sandbox charges its memory budget and throws to refuse a change that would not fit
   * (nothing is published).
   */
  public interface Room {
    Room UNLIMITED = (before, after) -> {};

    void resize(long before, long after);
  }

  private final AtomicReference<Snapshot> current;
  private final Stamps stamps;
  private final Room room;
  private final StoredSize sizes = new StoredSize();
  private long stored;

  /** The latest changes, oldest first; bounded, written under the store's serial queue. */
  private final java.util.concurrent.ConcurrentLinkedDeque<ConfigChange> changes =
      new java.util.concurrent.ConcurrentLinkedDeque<>();

  private static final int CHANGES_KEPT = 50;

  /**
   * Counts published states (applies that changed something, deletes, resets): unlike {@link
   * Snapshot#revision()}, which a reset takes back to the start, it never repeats, so a view can
   * tell whether what it shows is still current.
   */
  private volatile long generation;

  /**
   * What the first state holds (the lesson start, shared by every sandbox): only growth beyond it
   * is reported.
   */
  private final long baseline;

  public ConfigStore(Snapshot initial) {
    this(initial, Clock.systemUTC());
  }

  /** A store whose creation timestamps come from this clock (tests use a fixed one). */
  public ConfigStore(Snapshot initial, Clock clock) {
    this(initial, clock, Room.UNLIMITED);
  }

  /** A store that reports the growth of its objects beyond {@code initial} to {@code room}. */
  public ConfigStore(Snapshot initial, Clock clock, Room room) {
    this(initial, clock, room, Stamps.RANDOM_UIDS);
  }

  /** A store whose objects get their uids from {@code uids} (start states: the same everywhere). */
  ConfigStore(Snapshot initial, Clock clock, Room room, java.util.function.Supplier<String> uids) {
    this.current = new AtomicReference<>(initial);
    this.stamps = new Stamps(initialResourceVersion(initial), latestCreation(initial), clock, uids);
    this.room = room;
    this.stored = sizes.of(initial);
    this.baseline = stored;
  }

  private static long initialResourceVersion(Snapshot s) {
    long max = s.revision();
    for (Resource r : s.allObjects().values()) {
      try {
        max = Math.max(max, Long.parseLong(r.meta().resourceVersion()));
      } catch (NumberFormatException | NullPointerException e) {
        // a resourceVersion that is not a number cannot collide with ours
      }
    }
    return max;
  }

  private static Instant latestCreation(Snapshot s) {
    Instant latest = null;
    for (Resource r : s.allObjects().values()) {
      Instant c = r.meta().creationTimestamp();
      if (c != null && (latest == null || c.isAfter(latest))) {
        latest = c;
      }
    }
    return latest;
  }

  public Snapshot current() {
    return current.get();
  }

  /** The latest published changes (at most 50), oldest first. */
  public List<ConfigChange> changes() {
    return List.copyOf(changes);
  }

  /**
   * How many states were published since this store was made; changes with every published state.
   */
  public long generation() {
    return generation;
  }

  /**
   * kubectl apply/create -f: every document on its own; valid ones apply even when another is
   * rejected.
   *
   * @param source file name as kubectl would print it ("STDIN" for -f -)
   */
  public ApplyReport apply(String text, String defaultNamespace, String source, ApplyMode mode) {
    return apply(text, defaultNamespace, source, mode, false);
  }

  /**
   * As {@link #apply(String, String, String, ApplyMode)}; {@code namespaceFromFlag} says the
   * namespace was given with -n/--namespace, so a document naming another namespace is refused as
   * kubectl refuses it.
   */
  public ApplyReport apply(
      String text,
      String defaultNamespace,
      String source,
      ApplyMode mode,
      boolean namespaceFromFlag) {
    ApplyEngine engine = new ApplyEngine(current.get(), stamps);
    engine.explicitNamespace = namespaceFromFlag;
    ApplyReport report =
        engine.run(
            text,
            defaultNamespace,
            source,
            mode == ApplyMode.CREATE ? Verb.CREATE : Verb.APPLY,
            null);
    publish(engine, report.results());
    return report;
  }

  /** kubectl delete -f: deletes every object the text names. */
  public ApplyReport deleteFromText(String text, String defaultNamespace, String source) {
    ApplyEngine engine = new ApplyEngine(current.get(), stamps);
    ApplyReport report = engine.run(text, defaultNamespace, source, Verb.DELETE, null);
    publish(engine, report.results());
    return report;
  }

  /**
   * kubectl delete KIND NAME: the result (for example {@link Reason#NOT_FOUND}); {@link
   * #outputLine} words it.
   */
  public DocumentResult delete(ResourceKind kind, String namespace, String name) {
    ApplyEngine engine = new ApplyEngine(current.get(), stamps);
    DocumentResult r =
        engine.deleteOne(kind, namespace, name, Request.of(Request.Operation.DELETE, null));
    publish(engine, List.of(r));
    return r;
  }

  /** kubectl delete KIND NAME1 NAME2 ...: one result per name, in order. */
  public ApplyReport deleteNames(ResourceKind kind, String namespace, List<String> names) {
    ApplyEngine engine = new ApplyEngine(current.get(), stamps);
    List<DocumentResult> results = new ArrayList<>();
    for (String name : names) {
      results.add(
          engine.deleteOne(kind, namespace, name, Request.of(Request.Operation.DELETE, null)));
    }
    publish(engine, results);
    return new ApplyReport(Verb.DELETE, results);
  }

  /** kubectl create namespace NAME. */
  public DocumentResult createNamespace(String name) {
    ApplyEngine engine = new ApplyEngine(current.get(), stamps);
    DocumentResult r = engine.createNamespace(name);
    publish(engine, List.of(r));
    return r;
  }

  /** kubectl delete of any kind (a custom resource, a Role...), by its served type. */
  public DocumentResult delete(ApiType type, String namespace, String name) {
    ApplyEngine engine = new ApplyEngine(current.get(), stamps);
    DocumentResult r =
        engine.deleteOne(type, namespace, name, Request.of(Request.Operation.DELETE, null));
    publish(engine, List.of(r));
    return r;
  }

  /** kubectl scale deployment NAME --replicas=N: "deployment.apps/NAME scaled". */
  public DocumentResult scale(String namespace, String deployment, int replicas) {
    return change(ops -> ops.scale(namespace, deployment, replicas));
  }

  /**
   * kubectl set image deployment/NAME CONTAINER=IMAGE...: a new ReplicaSet rolls out ("image
   * updated"); the key "*" sets every container.
   */
  public DocumentResult setImage(String namespace, String deployment, Map<String, String> images) {
    return change(ops -> ops.setImage(namespace, deployment, images));
  }

  /**
   * kubectl rollout restart deployment/NAME: the template gets the annotation
   * kubectl.kubernetes.io/restartedAt, so a new ReplicaSet replaces every pod ("restarted").
   */
  public DocumentResult rolloutRestart(String namespace, String deployment) {
    return change(ops -> ops.restart(namespace, deployment));
  }

  /**
   * kubectl rollout undo deployment/NAME [--to-revision=N] (0: the previous revision): "rolled
   * back". The revisions are {@code inventory().replicaSetsOf(ns, name)}.
   */
  public DocumentResult rolloutUndo(String namespace, String deployment, long toRevision) {
    return change(ops -> ops.undo(namespace, deployment, toRevision));
  }

  /**
   * kubectl label KIND NAME k=v... k-... [--overwrite]: "labeled" / "not labeled", or kubectl's
   * "'k' already has a value (v), and --overwrite is false". Works on namespaces (injection), pods
   * and every stored object.
   */
  public DocumentResult label(
      ApiType type,
      String namespace,
      String name,
      Map<String, String> set,
      List<String> remove,
      boolean overwrite) {
    return change(ops -> ops.relabel(type, namespace, name, set, remove, overwrite, false));
  }

  /** kubectl annotate, as {@link #label}: "annotated". */
  public DocumentResult annotate(
      ApiType type,
      String namespace,
      String name,
      Map<String, String> set,
      List<String> remove,
      boolean overwrite) {
    return change(ops -> ops.relabel(type, namespace, name, set, remove, overwrite, true));
  }

  /**
   * kubectl patch KIND NAME -p PATCH [--type strategic|merge|json]: "patched" or "patched (no
   * change)"; the patched object passes the same validation as an apply, or nothing changes.
   */
  public DocumentResult patch(
      ApiType type, String namespace, String name, String patch, PatchType patchType) {
    return change(ops -> ops.patch(type, namespace, name, patch, patchType));
  }

  /**
   * istioctl install --set meshConfig.outboundTrafficPolicy.mode=MODE: ALLOW_ANY or REGISTRY_ONLY,
   * seen in {@link Snapshot#outboundTrafficPolicy()}.
   */
  public void setOutboundTrafficPolicy(String mode) {
    if (!mode.equals(ClusterState.ALLOW_ANY) && !mode.equals(ClusterState.REGISTRY_ONLY)) {
      throw new IllegalArgumentException("unknown outboundTrafficPolicy mode " + mode);
    }
    ApplyEngine engine = new ApplyEngine(current.get(), stamps);
    new ClusterOps(engine).outboundTrafficPolicy(mode);
    if (engine.changed()) {
      Snapshot next = engine.snapshot(current.get().revision() + 1);
      install(next);
      noteChange(next.revision(), "meshConfig.outboundTrafficPolicy.mode set to " + mode);
    }
  }

  /** Runs one command against a working copy and publishes what it changed. */
  private DocumentResult change(java.util.function.Function<ClusterOps, DocumentResult> op) {
    ApplyEngine engine = new ApplyEngine(current.get(), stamps);
    DocumentResult r = op.apply(new ClusterOps(engine));
    publish(engine, List.of(r));
    return r;
  }

  /**
   * The line kubectl prints for a single-object command's result (delete KIND NAME, create
   * namespace).
   */
  public static String outputLine(ResourceKind kind, DocumentResult result) {
    return result.failure() == null ? KubectlPrinter.successLine(result, "") : result.error();
  }

  /** The store's whole state as one value (call it where changes are serialised). */
  public StoreState state() {
    return new StoreState(
        current.get(),
        stamps.resourceVersion,
        stamps.lastCreated,
        List.copyOf(changes),
        generation);
  }

  /**
   * Takes back a state captured with {@link #state()} from a store of the same start: its snapshot
   * is published as it is (nothing is validated again, so what was accepted stays accepted), and
   * the counters go on from where they were, so no resourceVersion or creation time repeats.
   */
  public void restore(StoreState state) {
    install(state.snapshot());
    generation = state.generation();
    // the saved counters, unless the objects say more: the start this store was made over (another
    // server's, created at another time) is replaced whole, so its stamps do not count
    stamps.resourceVersion =
        Math.max(state.resourceVersion(), initialResourceVersion(state.snapshot()));
    Instant latest = latestCreation(state.snapshot());
    Instant saved = state.lastCreated();
    stamps.lastCreated =
        saved == null || (latest != null && latest.isAfter(saved)) ? latest : saved;
    changes.clear();
    changes.addAll(state.changes());
  }

  /** Replaces the whole state (reset to the lesson start). */
  public void reset(Snapshot snapshot) {
    install(snapshot);
    noteChange(snapshot.revision(), "configuration reset to the lesson start");
    stamps.resourceVersion = Math.max(stamps.resourceVersion, initialResourceVersion(snapshot));
    Instant latest = latestCreation(snapshot);
    if (latest != null && (stamps.lastCreated == null || latest.isAfter(stamps.lastCreated))) {
      stamps.lastCreated = latest;
    }
  }

  /**
   * Validates without applying: parse errors, kubectl and schema errors, Istio webhook errors and
   * warnings, and the lab's own warnings (fields the API server would drop, keys written twice),
   * each with its position.
   */
  public List<Diagnostic> validate(String text, String defaultNamespace) {
    ApplyEngine engine = new ApplyEngine(current.get(), stamps.copy());
    List<Diagnostic> diagnostics = new ArrayList<>();
    engine.run(text, defaultNamespace, "STDIN", Verb.APPLY, diagnostics);
    return List.copyOf(diagnostics);
  }

  private void publish(ApplyEngine engine, List<DocumentResult> results) {
    if (engine.changed()) {
      Snapshot old = current.get();
      Snapshot next = engine.snapshot(old.revision() + 1);
      install(next);
      List<String> what = new ArrayList<>();
      for (DocumentResult r : results) {
        if (r.action() != null && r.action().changed()) {
          what.add(r.name() + " " + r.kind() + " " + r.action().jsonName());
        }
      }
      noteChange(
          next.revision(), what.isEmpty() ? "configuration changed" : String.join(", ", what));
    }
  }

  private void noteChange(long revision, String what) {
    changes.addLast(new ConfigChange(revision, stamps.clock.instant(), what));
    while (changes.size() > CHANGES_KEPT) {
      changes.pollFirst();
    }
  }

  /**
   * Publishes a snapshot once the room has taken its size (a refusal throws, and nothing changes).
   */
  private void install(Snapshot next) {
    long size = sizes.of(next);
    room.resize(Math.max(0, stored - baseline), Math.max(0, size - baseline));
    stored = size;
    current.set(next);
    generation++; // only ever written by the one thread publishing (changes run one at a time)
  }

  /** One file of a start state: its name as kubectl would print it, and its text. */
  public record SourceText(String sourceName, String text) {}

  /**
   * The state after applying these files, in order, to an empty cluster (the lesson start, e.g.
   * bookinfo-gateway.yaml then destination-rule-all.yaml). Creation timestamps start at {@code
   * createdAt} and are distinct and ordered as applied; uids are the same in every process for the
   * same files. Throws IllegalArgumentException when a file does not apply cleanly.
   */
  public static Snapshot startState(
      List<SourceText> files, Inventory inventory, IstioProfile profile, Instant createdAt) {
    Clock fixed = Clock.fixed(createdAt, java.time.ZoneOffset.UTC);
    StringBuilder seed = new StringBuilder("start");
    for (SourceText f : files) {
      seed.append(':').append(f.sourceName());
    }
    ConfigStore store =
        new ConfigStore(
            Snapshot.empty(inventory, profile),
            fixed,
            Room.UNLIMITED,
            Stamps.namedUids(seed.toString()));
    for (SourceText f : files) {
      ApplyReport r = store.apply(f.text(), "default", f.sourceName(), ApplyMode.APPLY);
      if (!r.ok()) {
        throw new IllegalArgumentException(
            "start file " + f.sourceName() + " does not apply: " + r.output());
      }
    }
    return store.current();
  }
}
