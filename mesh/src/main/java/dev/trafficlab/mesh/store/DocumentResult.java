package dev.trafficlab.mesh.store;

import dev.trafficlab.mesh.model.ApiType;
import dev.trafficlab.mesh.model.ApiTypes;
import dev.trafficlab.mesh.model.ResourceKind;
import java.util.List;
import java.util.Optional;

/**
 * What became of one document of an apply, create or delete.
 *
 * @param kind the document's kind; null when the document was too broken to tell
 * @param apiVersion the document's apiVersion; null when unknown
 * @param name metadata.name; null when missing
 * @param namespace the namespace the object lives in (null for cluster-scoped kinds or when
 *     unknown)
 * @param action what happened to it
 * @param failure why it was refused; null unless {@code action} is {@link Action#REJECTED}
 * @param warnings the warnings kubectl shows for it (admission warnings, kubectl's own), in order
 * @param type the kind as served, when the document named a served one; null otherwise
 */
public record DocumentResult(
    String kind,
    String apiVersion,
    String name,
    String namespace,
    Action action,
    Failure failure,
    List<String> warnings,
    ApiType type) {

  public DocumentResult {
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
    if (type == null && kind != null) {
      type = ResourceKind.byKind(kind).map(ApiTypes::of).orElse(null);
    }
  }

  public DocumentResult(
      String kind,
      String apiVersion,
      String name,
      String namespace,
      Action action,
      Failure failure,
      List<String> warnings) {
    this(kind, apiVersion, name, namespace, action, failure, warnings, null);
  }

  static DocumentResult done(ResourceKind kind, String name, String namespace, Action action) {
    return done(ApiTypes.of(kind), name, namespace, action);
  }

  static DocumentResult done(ApiType type, String name, String namespace, Action action) {
    return new DocumentResult(type.kind(), null, name, namespace, action, null, List.of(), type);
  }

  static DocumentResult refused(ResourceKind kind, String name, String namespace, Failure failure) {
    return refused(ApiTypes.of(kind), name, namespace, failure);
  }

  static DocumentResult refused(ApiType type, String name, String namespace, Failure failure) {
    return new DocumentResult(
        type.kind(), null, name, namespace, Action.REJECTED, failure, List.of(), type);
  }

  /** Why it was refused; null when it was not. */
  public Reason reason() {
    return failure == null ? null : failure.reason();
  }

  /** The resource kind, when the document named one the lab knows. */
  public Optional<ResourceKind> resourceKind() {
    return kind == null ? Optional.empty() : ResourceKind.byKind(kind);
  }

  /**
   * kubectl's error for this document as it prints it when it is the only one; null when it was not
   * refused.
   */
  public String error() {
    return failure == null ? null : KubectlPrinter.error(this);
  }

  /** 1-based line of the offending node; null when unknown or not refused. */
  public Integer line() {
    return failure == null ? null : failure.line();
  }

  /** 1-based column of the offending node; null when unknown or not refused. */
  public Integer column() {
    return failure == null ? null : failure.column();
  }
}
