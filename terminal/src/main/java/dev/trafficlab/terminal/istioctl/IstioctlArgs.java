package dev.trafficlab.terminal.istioctl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * istioctl's flags: -n/--namespace, -o/--output, --name, --port, --subset, --fqdn, --direction, -A,
 * --verbose.
 */
final class IstioctlArgs {
  private static final Map<String, String> VALUE =
      Map.ofEntries(
          Map.entry("n", "namespace"),
          Map.entry("namespace", "namespace"),
          Map.entry("i", "istioNamespace"),
          Map.entry("istioNamespace", "istioNamespace"),
          Map.entry("o", "output"),
          Map.entry("output", "output"),
          Map.entry("name", "name"),
          Map.entry("port", "port"),
          Map.entry("subset", "subset"),
          Map.entry("fqdn", "fqdn"),
          Map.entry("direction", "direction"),
          Map.entry("address", "address"),
          Map.entry("type", "type"),
          Map.entry("cluster", "cluster"),
          Map.entry("status", "status"),
          Map.entry("context", "context"),
          Map.entry("kubeconfig", "kubeconfig"),
          Map.entry("c", "kubeconfig"),
          Map.entry("remote", "remote"),
          Map.entry("verbose", "verbose"),
          Map.entry("output-threshold", "output-threshold"),
          Map.entry("failure-threshold", "failure-threshold"));
  private static final Set<String> BOOL =
      Set.of(
          "A",
          "all-namespaces",
          "help",
          "h",
          "short",
          "use-kube",
          "list-analyzers",
          "L",
          "color",
          "timeout");

  final List<String> positional = new ArrayList<>();
  private final Map<String, String> flags = new HashMap<>();

  static IstioctlArgs parse(List<String> args) {
    IstioctlArgs a = new IstioctlArgs();
    for (int i = 0; i < args.size(); i++) {
      String s = args.get(i);
      if (s.startsWith("-") && s.length() > 1) {
        String body = s.startsWith("--") ? s.substring(2) : s.substring(1);
        String value = null;
        int eq = body.indexOf('=');
        if (eq >= 0) {
          value = body.substring(eq + 1);
          body = body.substring(0, eq);
        }
        if (!s.startsWith("--") && body.length() > 1 && VALUE.containsKey(body.substring(0, 1))) {
          value = body.substring(1);
          body = body.substring(0, 1);
        }
        if (VALUE.containsKey(body)) {
          boolean optionalValue = body.equals("verbose") || body.equals("remote");
          if (value == null) {
            if (optionalValue) {
              value = "true";
            } else if (i + 1 < args.size()) {
              value = args.get(++i);
            } else {
              throw new IllegalArgumentException("flag needs an argument: " + s);
            }
          }
          a.flags.put(VALUE.get(body), value);
        } else if (BOOL.contains(body)) {
          a.flags.put(
              body.equals("A") ? "all-namespaces" : body.equals("h") ? "help" : body,
              value == null ? "true" : value);
        } else {
          throw new IllegalArgumentException(
              (s.startsWith("--")
                      ? "unknown flag: "
                      : "unknown shorthand flag: '" + body.charAt(0) + "' in ")
                  + s);
        }
      } else {
        a.positional.add(s);
      }
    }
    return a;
  }

  boolean has(String name) {
    String v = flags.get(name);
    return v != null && !v.equals("false");
  }

  String get(String name) {
    return flags.get(name);
  }

  String namespace() {
    String ns = flags.get("namespace");
    return ns == null || ns.isEmpty() ? "default" : ns;
  }
}
