package dev.trafficlab.mesh.store;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.model.ObjectMeta;
import dev.trafficlab.mesh.model.Pos;
import dev.trafficlab.mesh.model.Resource;
import dev.trafficlab.mesh.model.ResourceKey;
import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.mesh.validation.IstioWebhook;
import dev.trafficlab.mesh.validation.Problem;
import dev.trafficlab.mesh.validation.SchemaCheck;
import dev.trafficlab.mesh.validation.SpecDecoder;
import dev.trafficlab.mesh.yaml.YamlDocument;
import dev.trafficlab.mesh.yaml.YamlNode;
import dev.trafficlab.mesh.yaml.YamlReader;
import dev.trafficlab.mesh.yaml.YamlSyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * One kubectl run (apply, create, delete -f, or a dry validation) against a working copy of a snapshot's state.
 * Documents are handled one by one as kubectl 1.19 does: first every document is read and mapped to a kind (kubectl
 * validation errors stop the reading), then each object is sent to the "API server" on its own.
 */
final class ApplyEngine {
  static final String STOP_VALIDATE = "if you choose to ignore these errors, turn validation off with --validate=false";

  final Map<ResourceKey, Resource> objects;
  final Set<String> namespaces;
  final Inventory inventory;
  final IstioProfile profile;
  final Stamps stamps;
  /** The state this apply starts from: its proxies keep their routes where Envoy would refuse the new ones. */
  private final Snapshot base;
  boolean changed;

  /** Server-side counters: resourceVersion and creation time, monotonic per store. */
  static final class Stamps {
    long resourceVersion;
    Instant lastCreated;
    final java.time.Clock clock;

    Stamps(long resourceVersion, Instant lastCreated, java.time.Clock clock) {
      this.resourceVersion = resourceVersion;
      this.lastCreated = lastCreated;
      this.clock = clock;
    }

    Stamps copy() {
      return new Stamps(resourceVersion, lastCreated, clock);
    }

    String nextResourceVersion() {
      return Long.toString(++resourceVersion);
    }

    /** Strictly after every earlier creation, so "the older VirtualService wins" follows apply order. */
    Instant nextCreation() {
      Instant now = clock.instant();
      if (lastCreated != null && !now.isAfter(lastCreated)) {
        now = lastCreated.plusMillis(1);
      }
      lastCreated = now;
      return now;
    }
  }

  ApplyEngine(Snapshot snapshot, Stamps stamps) {
    this.base = snapshot;
    this.objects = new TreeMap<>(snapshot.objects());
    this.namespaces = new TreeSet<>(snapshot.namespaces());
    this.inventory = snapshot.inventory();
    this.profile = snapshot.profile();
    this.stamps = stamps;
  }

  /** Namespaces a learner created (not the inventory's). */
  Set<String> learnerNamespaces() {
    Set<String> s = new TreeSet<>(namespaces);
    s.removeAll(inventory.namespaces());
    return s;
  }

  // ------------------------------------------------------------------------------------------------------------

  enum Verb { APPLY, CREATE, DELETE }

  /** What one document came to. */
  static final class Doc {
    final YamlDocument doc;
    String kindName;
    String name;
    String namespace;
    Action action;
    KubectlError error;
    Pos errorPos = Pos.UNKNOWN;
    final List<String> warnings = new ArrayList<>();
    String successLine;
    final List<Diagnostic> diagnostics = new ArrayList<>();
    // identified target
    ResourceKind kind;
    String apiVersion;
    YamlNode.Mapping root;

    Doc(YamlDocument doc) {
      this.doc = doc;
    }

    void fail(KubectlError e, Pos pos) {
      action = Action.REJECTED;
      error = e;
      errorPos = pos == null ? Pos.UNKNOWN : pos;
      diagnostics.add(new Diagnostic(Diagnostic.Severity.ERROR, e.single().strip(), line(errorPos), col(errorPos)));
    }
  }

  static Integer line(Pos p) {
    return p != null && p.known() ? p.line() : null;
  }

  static Integer col(Pos p) {
    return p != null && p.known() ? p.column() : null;
  }

  /** The whole run. diagnostics, when not null, receives every problem (including warnings kubectl never shows). */
  /** Set when the namespace was given on the command line (-n): a document naming another one is then an error. */
  boolean explicitNamespace;

  ApplyReport run(String text, String defaultNamespace, String source, Verb verb, List<Diagnostic> diagnostics) {
    List<YamlDocument> yamlDocs;
    try {
      yamlDocs = YamlReader.read(text);
    } catch (YamlSyntaxException e) {
      if (diagnostics != null) {
        diagnostics.add(new Diagnostic(Diagnostic.Severity.ERROR, e.problem(), line(e.pos()), col(e.pos())));
      }
      String out = "error: " + e.kubectlMessage(source) + "\n";
      Integer l = line(e.pos());
      Integer c = col(e.pos());
      return new ApplyReport(out, List.of(new DocumentResult(null, null, null, Action.REJECTED, out.strip(),
          List.of(), l, c)), true);
    }
    if (yamlDocs.isEmpty()) {
      String out = verb == Verb.DELETE ? "No resources found\n"
          : "error: no objects passed to " + (verb == Verb.CREATE ? "create" : "apply") + "\n";
      return new ApplyReport(out, List.of(), verb != Verb.DELETE);
    }

    List<Doc> docs = new ArrayList<>();
    List<KubectlError> errors = new ArrayList<>();
    boolean stopped = false;
    for (YamlDocument yd : yamlDocs) {
      Doc d = new Doc(yd);
      docs.add(d);
      if (stopped) {
        d.action = Action.REJECTED;
        continue;
      }
      identify(d, source);
      if (d.error == null && explicitNamespace && d.kind.namespaced() && d.namespace != null
          && !d.namespace.isEmpty() && !d.namespace.equals(defaultNamespace)) {
        d.fail(KubectlError.client("the namespace from the provided object \"" + d.namespace + "\" does not match "
            + "the namespace \"" + defaultNamespace + "\". You must pass '--namespace=" + d.namespace
            + "' to perform this operation."), metaPos(d, "namespace"));
      }
      if (d.error != null) {
        errors.add(d.error);
        if (d.error.message().startsWith("error validating")) {
          stopped = true;
        }
      }
    }
    StringBuilder out = new StringBuilder();
    Set<String> printedWarnings = new LinkedHashSet<>();
    for (Doc d : docs) {
      if (d.action != null) {
        continue;
      }
      if (verb == Verb.DELETE) {
        delete(d, source);
      } else {
        apply(d, defaultNamespace, source, verb == Verb.CREATE, diagnostics != null);
      }
      for (String w : d.warnings) {
        // kubectl's warning writer prints each distinct warning once per run.
        if (printedWarnings.add(w)) {
          out.append("Warning: ").append(w).append('\n');
        }
      }
      if (d.error != null) {
        errors.add(d.error);
      } else if (d.successLine != null) {
        out.append(d.successLine).append('\n');
      }
    }
    out.append(KubectlError.render(errors));

    List<DocumentResult> results = new ArrayList<>();
    for (Doc d : docs) {
      String err = d.error != null ? d.error.single().strip()
          : d.action == Action.REJECTED ? "not processed: kubectl stopped reading the input at an earlier document "
              + "that failed validation" : null;
      results.add(new DocumentResult(d.kindName, d.name, d.namespace, d.action, err, d.warnings,
          line(d.errorPos), col(d.errorPos)));
      if (diagnostics != null) {
        diagnostics.addAll(d.diagnostics);
      }
    }
    return new ApplyReport(out.toString(), results, false);
  }

  // ------------------------------------------------------------------------------------------------------------

  /** kubectl's client side: validation of apiVersion/kind, then the REST mapping. */
  private void identify(Doc d, String source) {
    YamlNode root = d.doc.root();
    if (!(root instanceof YamlNode.Mapping m)) {
      d.fail(KubectlError.client("error validating \"" + source + "\": error validating data: invalid object to "
          + "validate; " + STOP_VALIDATE), root.pos());
      return;
    }
    d.root = m;
    YamlNode apiVersion = m.value("apiVersion");
    YamlNode kind = m.value("kind");
    List<String> problems = new ArrayList<>();
    if (apiVersion == null || (apiVersion instanceof YamlNode.Scalar s && s.isNull())) {
      problems.add("apiVersion not set");
    } else if (!(apiVersion instanceof YamlNode.Scalar s && s.value() instanceof String)) {
      problems.add("apiVersion isn't string type");
    }
    if (kind == null || (kind instanceof YamlNode.Scalar s && s.isNull())) {
      problems.add("kind not set");
    } else if (!(kind instanceof YamlNode.Scalar s && s.value() instanceof String)) {
      problems.add("kind isn't string type");
    }
    readMeta(d);
    if (!problems.isEmpty()) {
      String what = problems.size() == 1 ? problems.get(0) : "[" + String.join(", ", problems) + "]";
      d.fail(KubectlError.client("error validating \"" + source + "\": error validating data: " + what + "; "
          + STOP_VALIDATE), problems.get(0).startsWith("apiVersion") && apiVersion != null ? apiVersion.pos()
              : kind != null ? kind.pos() : m.pos());
      return;
    }
    String av = (String) ((YamlNode.Scalar) apiVersion).value();
    String k = (String) ((YamlNode.Scalar) kind).value();
    d.kindName = k;
    ResourceKind rk = ResourceKind.byKind(k).orElse(null);
    boolean served = rk != null && (rk.istio() ? rk.group().equals(group(av))
        && profile.servedNetworkingVersions().contains(av) : rk.apiVersions().contains(av));
    if (!served) {
      d.fail(KubectlError.client("unable to recognize \"" + source + "\": no matches for kind \"" + k
          + "\" in version \"" + av + "\""), apiVersion.pos());
      return;
    }
    d.kind = rk;
    d.apiVersion = av;
  }

  private static String group(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  private static void readMeta(Doc d) {
    YamlNode meta = d.root.value("metadata");
    d.name = scalarText(meta instanceof YamlNode.Mapping mm ? mm.value("name") : null);
    d.namespace = scalarText(meta instanceof YamlNode.Mapping mm ? mm.value("namespace") : null);
  }

  private static String scalarText(YamlNode n) {
    if (n instanceof YamlNode.Scalar s && s.value() != null) {
      return String.valueOf(s.value());
    }
    return null;
  }

  private static Pos metaPos(Doc d, String field) {
    YamlNode meta = d.root.value("metadata");
    if (meta instanceof YamlNode.Mapping mm && mm.value(field) != null) {
      return mm.value(field).pos();
    }
    return meta != null ? meta.pos() : d.root.pos();
  }

  // ------------------------------------------------------------------------------------------------------------

  private void apply(Doc d, String defaultNamespace, String source, boolean createMode, boolean diagnose) {
    ResourceKind kind = d.kind;
    String name = d.name == null ? "" : d.name;
    String ns = kind.namespaced() ? (d.namespace == null || d.namespace.isEmpty() ? defaultNamespace : d.namespace)
        : null;
    d.namespace = ns;
    if (name.isEmpty()) {
      d.name = null;
      d.fail(KubectlError.client("error when retrieving current configuration of:\n" + Kube.info(kind, d.apiVersion,
          "", ns) + "\nfrom server for: \"" + source + "\": resource name may not be empty"), metaPos(d, "name"));
      return;
    }
    if (kind == ResourceKind.NAMESPACE) {
      applyNamespace(d, name, source, createMode);
      return;
    }
    String verbing = "error when creating \"" + source + "\": ";
    if (!kind.istio()) {
      if (inventoryHas(kind, ns, name)) {
        // Bookinfo already runs from the stock bookinfo.yaml, so re-applying it changes nothing, as on a cluster.
        if (createMode) {
          d.fail(KubectlError.status("AlreadyExists", verbing + kind.plural() + " \"" + name + "\" already exists"),
              metaPos(d, "name"));
          return;
        }
        d.action = Action.UNCHANGED;
        d.successLine = kind.qualifiedSingular() + "/" + name + " unchanged";
        d.diagnostics.add(new Diagnostic(Diagnostic.Severity.WARNING, "Bookinfo's " + kind.kind() + " \"" + name
            + "\" already runs and is read-only in this lab: this document changes nothing",
            line(d.root.pos()), col(d.root.pos())));
        return;
      }
      d.fail(KubectlError.status("Forbidden", verbing + kind.plural() + " \"" + name + "\" is forbidden: "
          + Kube.READ_ONLY), d.root.value("kind").pos());
      return;
    }
    if (!namespaces.contains(ns)) {
      d.fail(KubectlError.status("NotFound", verbing + "namespaces \"" + ns + "\" not found"),
          metaPos(d, "namespace"));
      return;
    }
    ResourceKey key = new ResourceKey(kind, ns, name);
    Resource existing = objects.get(key);

    Map<String, Object> applied = appliedObject(d, ns);
    String appliedJson = GoJson.write(applied) + "\n";
    String oldApplied = existing == null ? null : existing.meta().annotations().get(Kube.LAST_APPLIED);
    if (existing != null && !createMode && appliedJson.equals(oldApplied) && !diagnose) {
      d.action = Action.UNCHANGED;
      d.successLine = kind.qualifiedSingular() + "/" + name + " unchanged";
      return;
    }
    String prefix = existing != null && !createMode
        ? "error when applying patch:\n" + patch(existing, applied, appliedJson) + "\nto:\n"
            + Kube.info(kind, d.apiVersion, name, ns) + "\nfor: \"" + source + "\": "
        : verbing;

    // API server: object meta and structural schema (pruning, types), then the Istio webhook.
    YamlNode specNode = d.root.value("spec");
    SchemaCheck.Result schema = IstioWebhook.schema(kind, specNode);
    List<String> causes = new ArrayList<>();
    List<Pos> causePos = new ArrayList<>();
    if (!Kube.isSubdomain(name)) {
      causes.add(Kube.subdomainMessage(name));
      causePos.add(metaPos(d, "name"));
    }
    if (d.root.value("metadata") instanceof YamlNode.Mapping meta
        && meta.value("labels") instanceof YamlNode.Mapping labels) {
      for (YamlNode.Entry e : labels.entries()) {
        String v = scalarText(e.value());
        for (String problem : Kube.labelProblems(e.key(), v == null ? "" : v)) {
          causes.add(problem);
          causePos.add(problem.contains("\"" + e.key() + "\"") ? e.keyPos() : e.value().pos());
        }
      }
    }
    for (SchemaCheck.Cause c : schema.causes()) {
      causes.add(c.text());
      causePos.add(c.pos());
    }
    for (SchemaCheck.Dropped u : schema.unknownFields()) {
      String field = u.path().substring(u.path().lastIndexOf('.') + 1);
      String parent = u.path().substring(0, u.path().lastIndexOf('.'));
      d.diagnostics.add(new Diagnostic(Diagnostic.Severity.WARNING, "unknown field \"" + field + "\" in " + parent
          + ": Istio 1.8's schema has no such field, so the API server drops it and it has no effect",
          line(u.pos()), col(u.pos())));
    }
    for (SchemaCheck.Dropped dup : schema.duplicateKeys()) {
      d.diagnostics.add(new Diagnostic(Diagnostic.Severity.WARNING, "duplicate key \""
          + dup.path().substring(dup.path().lastIndexOf('.') + 1) + "\" in " + dup.path().substring(0,
              dup.path().lastIndexOf('.')) + ": only the last one is kept", line(dup.pos()), col(dup.pos())));
    }
    unknownTopLevelFields(d);
    if (!causes.isEmpty()) {
      String agg = causes.size() == 1 ? causes.get(0) : "[" + String.join(", ", causes) + "]";
      d.action = Action.REJECTED;
      d.error = KubectlError.invalid(prefix + Kube.qualifiedKind(kind) + " \"" + name + "\" is invalid: " + agg,
          kind.kind(), name, causes);
      d.errorPos = causePos.get(0);
      for (int i = 0; i < causes.size(); i++) {
        d.diagnostics.add(new Diagnostic(Diagnostic.Severity.ERROR, causes.get(i), line(causePos.get(i)),
            col(causePos.get(i))));
      }
      return;
    }
    IstioWebhook.Verdict verdict = IstioWebhook.review(kind, name, ns, schema, profile);
    if (!verdict.allowed()) {
      d.action = Action.REJECTED;
      d.error = KubectlError.status("", prefix + "admission webhook \"" + IstioWebhook.NAME
          + "\" denied the request: " + verdict.denial());
      d.errorPos = verdict.errors().isEmpty() ? d.root.pos() : verdict.errors().get(0).pos();
      for (Problem p : verdict.errors()) {
        d.diagnostics.add(new Diagnostic(Diagnostic.Severity.ERROR, p.message(), line(p.pos()), col(p.pos())));
      }
      return;
    }
    for (Problem w : verdict.warnings()) {
      d.diagnostics.add(new Diagnostic(Diagnostic.Severity.WARNING, w.message(), line(w.pos()), col(w.pos())));
    }
    if (existing != null && createMode) {
      d.fail(KubectlError.status("AlreadyExists", verbing + Kube.quoted(kind, name) + " already exists"),
          metaPos(d, "name"));
      return;
    }
    if (existing != null && appliedJson.equals(oldApplied)) {
      d.action = Action.UNCHANGED;
      d.successLine = kind.qualifiedSingular() + "/" + name + " unchanged";
      return;
    }
    if (existing != null && oldApplied == null) {
      d.warnings.add("resource " + kind.plural() + "/" + name + " is missing the " + Kube.LAST_APPLIED
          + " annotation which is required by kubectl apply. kubectl apply should only be used on resources created "
          + "declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be "
          + "patched automatically.");
    }
    for (Problem w : verdict.warnings()) {
      d.warnings.add(w.message());
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> rawSpec = schema.pruned() == null ? Map.of()
        : java.util.Collections.unmodifiableMap((Map<String, Object>) SchemaCheck.toJson(schema.pruned()));
    Object spec = SpecDecoder.decode(kind, schema.pruned());
    Map<String, String> annotations = new LinkedHashMap<>(stringMap(d, "annotations"));
    annotations.remove(Kube.LAST_APPLIED);
    if (!createMode) {
      annotations.put(Kube.LAST_APPLIED, appliedJson);
    }
    Map<String, String> labels = stringMap(d, "labels");
    Pos metaPos = d.root.value("metadata") == null ? Pos.UNKNOWN : d.root.value("metadata").pos();
    ObjectMeta meta;
    if (existing == null) {
      meta = new ObjectMeta(name, ns, labels, annotations, UUID.randomUUID().toString(),
          stamps.nextResourceVersion(), 1L, stamps.nextCreation(), metaPos);
      d.action = Action.CREATED;
    } else {
      ObjectMeta old = existing.meta();
      long generation = old.generation() == null ? 1 : old.generation();
      if (!Objects.equals(existing.rawSpec(), rawSpec)) {
        generation++;
      }
      meta = new ObjectMeta(name, ns, labels, annotations, old.uid(), stamps.nextResourceVersion(), generation,
          old.creationTimestamp(), metaPos);
      d.action = Action.CONFIGURED;
    }
    objects.put(key, new Resource(kind, d.apiVersion, meta, spec, rawSpec));
    changed = true;
    d.successLine = kind.qualifiedSingular() + "/" + name + " " + d.action.jsonName();
  }

  private static final Set<String> TOP_LEVEL = Set.of("apiVersion", "kind", "metadata", "spec", "status");
  private static final Set<String> METADATA = Set.of("name", "namespace", "labels", "annotations", "generateName",
      "uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds",
      "ownerReferences", "finalizers", "clusterName", "managedFields", "selfLink");

  /** The editor's warnings for keys outside spec that the API server drops or that are written twice. */
  private static void unknownTopLevelFields(Doc d) {
    scanKeys(d, d.root, TOP_LEVEL, "");
    if (d.root.value("metadata") instanceof YamlNode.Mapping meta) {
      scanKeys(d, meta, METADATA, "metadata");
    }
  }

  private static void scanKeys(Doc d, YamlNode.Mapping m, Set<String> known, String where) {
    Set<String> seen = new java.util.HashSet<>();
    for (YamlNode.Entry e : m.entries()) {
      String in = where.isEmpty() ? "the object" : where;
      if (!seen.add(e.key())) {
        d.diagnostics.add(new Diagnostic(Diagnostic.Severity.WARNING, "duplicate key \"" + e.key() + "\" in " + in
            + ": only the last one is kept", line(e.keyPos()), col(e.keyPos())));
      } else if (!known.contains(e.key())) {
        d.diagnostics.add(new Diagnostic(Diagnostic.Severity.WARNING, "unknown field \"" + e.key() + "\" in " + in
            + ": the API server drops it, so it has no effect", line(e.keyPos()), col(e.keyPos())));
      }
    }
  }

  private boolean inventoryHas(ResourceKind kind, String ns, String name) {
    return switch (kind) {
      case SERVICE -> inventory.service(ns, name).isPresent();
      case DEPLOYMENT -> inventory.deployments().stream().anyMatch(x -> x.name().equals(name)
          && x.namespace().equals(ns));
      case POD -> inventory.pods().stream().anyMatch(x -> x.name().equals(name) && x.namespace().equals(ns));
      case SERVICE_ACCOUNT -> inventory.serviceAccounts().contains(ns + "/" + name);
      default -> false;
    };
  }

  private void applyNamespace(Doc d, String name, String source, boolean createMode) {
    if (!Kube.isLabel(name)) {
      d.fail(KubectlError.invalid("error when creating \"" + source + "\": Namespace \"" + name + "\" is invalid: "
          + Kube.labelMessage(name), "Namespace", name, List.of(Kube.labelMessage(name))), metaPos(d, "name"));
      return;
    }
    if (namespaces.contains(name)) {
      if (createMode) {
        d.fail(KubectlError.status("AlreadyExists", "error when creating \"" + source + "\": namespaces \"" + name
            + "\" already exists"), metaPos(d, "name"));
        return;
      }
      d.action = Action.UNCHANGED;
      d.successLine = "namespace/" + name + " unchanged";
      return;
    }
    namespaces.add(name);
    changed = true;
    d.action = Action.CREATED;
    d.successLine = "namespace/" + name + " created";
  }

  private static Map<String, String> stringMap(Doc d, String field) {
    Map<String, String> out = new LinkedHashMap<>();
    YamlNode meta = d.root.value("metadata");
    if (meta instanceof YamlNode.Mapping mm && mm.value(field) instanceof YamlNode.Mapping labels) {
      for (YamlNode.Entry e : labels.entries()) {
        String v = scalarText(e.value());
        out.put(e.key(), v == null ? "" : v);
      }
    }
    return out;
  }

  /** The object as kubectl sends it (before any server pruning), which becomes last-applied-configuration. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> appliedObject(Doc d, String ns) {
    Map<String, Object> obj = (Map<String, Object>) SchemaCheck.toJson(d.root);
    Map<String, Object> copy = new LinkedHashMap<>(obj);
    Object metaObj = copy.get("metadata");
    Map<String, Object> meta = metaObj instanceof Map<?, ?> mm ? new LinkedHashMap<>((Map<String, Object>) mm)
        : new LinkedHashMap<>();
    Object ann = meta.get("annotations");
    Map<String, Object> annotations = ann instanceof Map<?, ?> am ? new LinkedHashMap<>((Map<String, Object>) am)
        : new LinkedHashMap<>();
    annotations.remove(Kube.LAST_APPLIED);
    meta.put("annotations", annotations);
    if (ns != null) {
      meta.put("namespace", ns);
    }
    copy.put("metadata", meta);
    return copy;
  }

  /** The JSON merge patch kubectl apply sends (shown when the server rejects it). */
  private static String patch(Resource existing, Map<String, Object> applied, String appliedJson) {
    Map<String, Object> original;
    String oldJson = existing.meta().annotations().get(Kube.LAST_APPLIED);
    Object parsed = oldJson == null ? null : parseJson(oldJson);
    if (parsed instanceof Map<?, ?>) {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) parsed;
      original = m;
    } else {
      original = new LinkedHashMap<>();
      original.put("apiVersion", existing.apiVersion());
      original.put("kind", existing.kind().kind());
      original.put("spec", existing.rawSpec());
    }
    Map<String, Object> modified = withAnnotation(applied, appliedJson);
    Map<String, Object> orig = withAnnotation(original, oldJson);
    return GoJson.write(diff(orig, modified));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> withAnnotation(Map<String, Object> obj, String annotation) {
    Map<String, Object> copy = new LinkedHashMap<>(obj);
    Map<String, Object> meta = copy.get("metadata") instanceof Map<?, ?> m
        ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
    Map<String, Object> ann = meta.get("annotations") instanceof Map<?, ?> a
        ? new LinkedHashMap<>((Map<String, Object>) a) : new LinkedHashMap<>();
    if (annotation != null) {
      ann.put(Kube.LAST_APPLIED, annotation);
    }
    meta.put("annotations", ann);
    copy.put("metadata", meta);
    return copy;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> diff(Map<String, Object> from, Map<String, Object> to) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : to.entrySet()) {
      Object old = from.get(e.getKey());
      if (!from.containsKey(e.getKey())) {
        out.put(e.getKey(), e.getValue());
      } else if (old instanceof Map<?, ?> om && e.getValue() instanceof Map<?, ?> nm) {
        Map<String, Object> sub = diff((Map<String, Object>) om, (Map<String, Object>) nm);
        if (!sub.isEmpty()) {
          out.put(e.getKey(), sub);
        }
      } else if (!Objects.equals(old, e.getValue())) {
        out.put(e.getKey(), e.getValue());
      }
    }
    for (String k : from.keySet()) {
      if (!to.containsKey(k)) {
        out.put(k, null);
      }
    }
    return out;
  }

  private static Object parseJson(String json) {
    try {
      List<YamlDocument> docs = YamlReader.read(json);
      return docs.isEmpty() ? null : SchemaCheck.toJson(docs.get(0).root());
    } catch (RuntimeException e) {
      return null;
    }
  }

  // ------------------------------------------------------------------------------------------------------------

  private void delete(Doc d, String source) {
    ResourceKind kind = d.kind;
    String name = d.name == null ? "" : d.name;
    if (name.isEmpty()) {
      d.fail(KubectlError.client("resource name may not be empty"), metaPos(d, "name"));
      return;
    }
    String ns = kind.namespaced() ? (d.namespace == null || d.namespace.isEmpty() ? "default" : d.namespace) : null;
    d.namespace = ns;
    DocumentResult r = deleteOne(kind, ns, name, "error when deleting \"" + source + "\": ");
    d.action = r.action();
    if (r.action() == Action.DELETED) {
      d.successLine = deletedLine(kind, name);
    } else {
      d.error = lastError;
      d.errorPos = metaPos(d, "name");
    }
  }

  KubectlError lastError;

  static String deletedLine(ResourceKind kind, String name) {
    return kind.qualifiedSingular() + " \"" + name + "\" deleted";
  }

  /** Deletes one object; on failure {@link #lastError} holds kubectl's error. */
  DocumentResult deleteOne(ResourceKind kind, String ns, String name, String errorPrefix) {
    lastError = null;
    if (kind == ResourceKind.NAMESPACE) {
      if (inventory.namespaces().contains(name)) {
        lastError = KubectlError.status("Forbidden", errorPrefix + "namespaces \"" + name + "\" is forbidden: "
            + Kube.READ_ONLY);
      } else if (!namespaces.contains(name)) {
        lastError = KubectlError.status("NotFound", errorPrefix + "namespaces \"" + name + "\" not found");
      } else {
        namespaces.remove(name);
        objects.keySet().removeIf(k -> name.equals(k.namespace()));
        changed = true;
        return new DocumentResult(kind.kind(), name, null, Action.DELETED, null, List.of(), null, null);
      }
      return new DocumentResult(kind.kind(), name, null, Action.REJECTED, lastError.single(), List.of(), null, null);
    }
    if (!kind.istio()) {
      lastError = KubectlError.status("Forbidden", errorPrefix + kind.plural() + " \"" + name + "\" is forbidden: "
          + Kube.READ_ONLY);
      return new DocumentResult(kind.kind(), name, ns, Action.REJECTED, lastError.single(), List.of(), null, null);
    }
    ResourceKey key = new ResourceKey(kind, kind.namespaced() ? ns : "", name);
    if (objects.remove(key) == null) {
      lastError = KubectlError.status("NotFound", errorPrefix + Kube.quoted(kind, name) + " not found");
      return new DocumentResult(kind.kind(), name, ns, Action.REJECTED, lastError.single(), List.of(), null, null);
    }
    changed = true;
    return new DocumentResult(kind.kind(), name, ns, Action.DELETED, null, List.of(), null, null);
  }

  /** kubectl create namespace NAME. */
  DocumentResult createNamespace(String name) {
    lastError = null;
    if (!Kube.isLabel(name)) {
      lastError = KubectlError.invalid("Namespace \"" + name + "\" is invalid: " + Kube.labelMessage(name),
          "Namespace", name, List.of(Kube.labelMessage(name)));
    } else if (namespaces.contains(name)) {
      lastError = KubectlError.status("AlreadyExists", "namespaces \"" + name + "\" already exists");
    } else {
      namespaces.add(name);
      changed = true;
      return new DocumentResult("Namespace", name, null, Action.CREATED, null, List.of(), null, null);
    }
    return new DocumentResult("Namespace", name, null, Action.REJECTED, lastError.single(), List.of(), null, null);
  }

  Snapshot snapshot(long revision) {
    return Snapshot.of(revision, objects.values(), learnerNamespaces(), inventory, profile, base);
  }
}
