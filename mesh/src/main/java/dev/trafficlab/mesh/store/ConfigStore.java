package dev.trafficlab.mesh.store;

import dev.trafficlab.mesh.model.ResourceKind;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A sandbox's API server: applies text with kubectl semantics and publishes each successful change as a new
 * immutable {@link Snapshot}. Writers are serialised; readers only ever read {@link #current()}.
 */
public final class ConfigStore {
  private final AtomicReference<Snapshot> current;

  public ConfigStore(Snapshot initial) {
    this.current = new AtomicReference<>(initial);
  }

  public Snapshot current() {
    return current.get();
  }

  /**
   * kubectl apply/create -f: every document on its own; valid ones apply even when another is rejected.
   *
   * @param source file name as kubectl would print it ("STDIN" for -f -)
   */
  public synchronized ApplyReport apply(String text, String defaultNamespace, String source, ApplyMode mode) {
    throw new UnsupportedOperationException("apply is not built yet");
  }

  /** kubectl delete -f: deletes every object the text names. */
  public synchronized ApplyReport deleteFromText(String text, String defaultNamespace, String source) {
    throw new UnsupportedOperationException("delete is not built yet");
  }

  /** kubectl delete KIND NAME: the kubectl line ("... deleted" or the NotFound error) and whether it succeeded. */
  public synchronized DocumentResult delete(ResourceKind kind, String namespace, String name) {
    throw new UnsupportedOperationException("delete is not built yet");
  }

  /** kubectl create namespace NAME. */
  public synchronized DocumentResult createNamespace(String name) {
    throw new UnsupportedOperationException("create namespace is not built yet");
  }

  /** Replaces the whole state (reset to the lesson start). */
  public synchronized void reset(Snapshot snapshot) {
    current.set(snapshot);
  }

  /** Validates without applying: parse errors, schema and Istio webhook errors and warnings, with positions. */
  public List<Diagnostic> validate(String text, String defaultNamespace) {
    throw new UnsupportedOperationException("validate is not built yet");
  }
}
