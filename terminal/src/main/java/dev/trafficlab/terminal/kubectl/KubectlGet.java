package dev.trafficlab.terminal.kubectl;

import dev.trafficlab.terminal.Invocation;
import dev.trafficlab.terminal.format.Json;
import dev.trafficlab.terminal.format.Yaml;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** kubectl get: tables, -o wide|yaml|json|name|jsonpath=..., -n, -A, -l, --show-labels. */
final class KubectlGet {
  private KubectlGet() {}

  static final String PRINTER_ERROR =
      "error: unable to match a printer suitable for the output format \"%s\", "
          + "allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,"
          + "jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml";

  static Future<Integer> get(KubectlContext c) {
    Invocation inv = c.inv();
    List<String> pos = c.args().positional;
    boolean fromFiles = !c.args().all("filename").isEmpty();
    if (pos.isEmpty() && !fromFiles) {
      inv.eprintln(
          "You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list"
              + " of supported resources.\n");
      inv.eprintln("error: Required resource not specified.");
      inv.eprintln(
          "Use \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl "
              + "explain pods).");
      inv.eprintln("See 'kubectl get -h' for help and examples");
      return Invocation.exit(1);
    }
    List<ResourceRef> refs = fromFiles ? List.of() : ResourceRef.parse(inv, pos);
    if (refs == null) {
      return Invocation.exit(1);
    }
    if (fromFiles && !pos.isEmpty()) {
      inv.eprintln(
          "error: arguments in resource/name form may not have a single resource type when -f is"
              + " used");
      return Invocation.exit(1);
    }
    String output = c.args().get("output");
    String format = output == null ? "" : output;
    String template = null;
    if (format.startsWith("jsonpath=") || format.startsWith("jsonpath-as-json=")) {
      template = format.substring(format.indexOf('=') + 1);
      format = "jsonpath";
    } else if (format.equals("jsonpath")) {
      template = c.args().get("template");
      if (template == null) {
        inv.eprintln("error: template format specified but no template given");
        return Invocation.exit(1);
      }
    }
    if (!List.of("", "wide", "yaml", "json", "name", "jsonpath").contains(format)) {
      inv.eprintln(String.format(PRINTER_ERROR, format));
      return Invocation.exit(1);
    }
    LabelSelector selector = LabelSelector.parse(inv, c.args().get("selector"));
    if (selector == null) {
      return Invocation.exit(1);
    }
    KubeObjects objects = c.objects();
    String ns = c.allNamespaces() ? null : c.namespace();
    boolean named = refs.stream().anyMatch(r -> r.name() != null);
    List<KubeObject> found = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    if (fromFiles) {
      refs = new ArrayList<>();
      if (!ManifestRefs.lookUp(c, objects, refs, found, errors)) {
        return Invocation.exit(1);
      }
      named = true;
    }
    for (ResourceRef ref : fromFiles ? List.<ResourceRef>of() : refs) {
      if (ref.name() != null) {
        Optional<KubeObject> o = objects.get(ref.kind(), c.namespace(), ref.name());
        if (o.isPresent() && selector.matches(o.get().labels())) {
          found.add(o.get());
        } else if (o.isEmpty()) {
          errors.add(ref.notFound());
        }
      } else {
        for (KubeObject o : objects.list(ref.kind(), ns)) {
          if (selector.matches(o.labels())) {
            found.add(o);
          }
        }
      }
    }
    int code = errors.isEmpty() ? 0 : 1;
    if (found.isEmpty() && errors.isEmpty()) {
      boolean clusterScoped = refs.stream().noneMatch(r -> r.kind().namespaced());
      if (format.isEmpty() || format.equals("wide") || format.equals("name")) {
        inv.eprintln(
            ns == null || clusterScoped
                ? "No resources found"
                : "No resources found in " + ns + " namespace.");
        return Invocation.exit(0);
      }
    }
    if (found.isEmpty() && !errors.isEmpty()) {
      // kubectl prints no empty list for names that do not exist, only their errors
      errors.forEach(inv::eprintln);
      return Invocation.exit(1);
    }
    boolean single = named && refs.size() == 1 && found.size() == 1 && errors.isEmpty();
    switch (format) {
      case "yaml" -> inv.print(Yaml.write(single ? found.get(0).json() : list(found)));
      case "json" -> inv.print(Json.pretty(single ? found.get(0).json() : list(found)));
      case "name" -> found.forEach(o -> inv.println(o.qualifiedName()));
      case "jsonpath" -> {
        try {
          inv.print(JsonPath.evaluate(template, single ? found.get(0).json() : list(found)));
        } catch (JsonPath.JsonPathException e) {
          inv.eprintln("error: error parsing jsonpath " + template + ", " + e.getMessage());
          return Invocation.exit(1);
        }
      }
      default -> inv.print(tables(c, refs, found, format.equals("wide")));
    }
    errors.forEach(inv::eprintln);
    return Invocation.exit(code);
  }

  private static String tables(
      KubectlContext c, List<ResourceRef> refs, List<KubeObject> found, boolean wide) {
    List<KubeType> kinds = new ArrayList<>();
    refs.forEach(
        r -> {
          if (!kinds.contains(r.kind())) {
            kinds.add(r.kind());
          }
        });
    boolean prefix = kinds.size() > 1;
    StringBuilder out = new StringBuilder();
    for (KubeType k : kinds) {
      List<KubeObject> ofKind = found.stream().filter(o -> o.type().equals(k)).toList();
      if (ofKind.isEmpty()) {
        continue;
      }
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append(
          TablePrinter.render(
              k,
              ofKind,
              new TablePrinter.Options(
                  wide,
                  c.allNamespaces(),
                  c.args().has("show-labels"),
                  c.args().has("no-headers"),
                  prefix),
              c.inv().clock().instant()));
    }
    return out.toString();
  }

  static Map<String, Object> list(List<KubeObject> objects) {
    Map<String, Object> l = new LinkedHashMap<>();
    l.put("apiVersion", "v1");
    l.put("items", objects.stream().map(KubeObject::json).toList());
    l.put("kind", "List");
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("resourceVersion", "");
    meta.put("selfLink", "");
    l.put("metadata", meta);
    return l;
  }
}
