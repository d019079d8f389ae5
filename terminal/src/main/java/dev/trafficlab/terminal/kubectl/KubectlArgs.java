package dev.trafficlab.terminal.kubectl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * kubectl's command line: flags (long and short, "--x=v", "-x v", "-xv", "-oyaml") anywhere,
 * positional arguments, and everything after "--" kept apart (kubectl exec).
 */
final class KubectlArgs {
  /** Flags that take a value, with their long names. */
  private static final Map<String, String> VALUE_FLAGS =
      Map.ofEntries(
          Map.entry("n", "namespace"),
          Map.entry("namespace", "namespace"),
          Map.entry("o", "output"),
          Map.entry("output", "output"),
          Map.entry("l", "selector"),
          Map.entry("selector", "selector"),
          Map.entry("f", "filename"),
          Map.entry("filename", "filename"),
          Map.entry("c", "container"),
          Map.entry("container", "container"),
          Map.entry("dry-run", "dry-run"),
          Map.entry("field-selector", "field-selector"),
          Map.entry("sort-by", "sort-by"),
          Map.entry("context", "context"),
          Map.entry("cluster", "cluster"),
          Map.entry("grace-period", "grace-period"),
          Map.entry("tail", "tail"),
          Map.entry("since", "since"),
          Map.entry("timeout", "timeout"),
          Map.entry("kubeconfig", "kubeconfig"),
          Map.entry("cascade", "cascade"),
          Map.entry("validate", "validate"),
          Map.entry("template", "template"),
          Map.entry("v", "v"),
          Map.entry("request-timeout", "request-timeout"),
          Map.entry("field-manager", "field-manager"),
          Map.entry("api-group", "api-group"),
          Map.entry("namespaced", "namespaced"),
          Map.entry("for", "for"),
          Map.entry("type", "type"),
          Map.entry("p", "patch"),
          Map.entry("patch", "patch"),
          Map.entry("replicas", "replicas"),
          Map.entry("image", "image"),
          Map.entry("port", "port"),
          Map.entry("revision", "revision"),
          Map.entry("to-revision", "to-revision"),
          Map.entry("current-replicas", "current-replicas"),
          Map.entry("resource-version", "resource-version"));

  /** Flags without a value. */
  private static final Map<String, String> BOOL_FLAGS =
      Map.ofEntries(
          Map.entry("A", "all-namespaces"),
          Map.entry("all-namespaces", "all-namespaces"),
          Map.entry("all", "all"),
          Map.entry("R", "recursive"),
          Map.entry("recursive", "recursive"),
          Map.entry("i", "stdin"),
          Map.entry("stdin", "stdin"),
          Map.entry("t", "tty"),
          Map.entry("tty", "tty"),
          Map.entry("show-labels", "show-labels"),
          Map.entry("no-headers", "no-headers"),
          Map.entry("ignore-not-found", "ignore-not-found"),
          Map.entry("wait", "wait"),
          Map.entry("short", "short"),
          Map.entry("force", "force"),
          Map.entry("w", "watch"),
          Map.entry("watch", "watch"),
          Map.entry("overwrite", "overwrite"),
          Map.entry("server-side", "server-side"),
          Map.entry("f-follow", "follow"),
          Map.entry("follow", "follow"),
          Map.entry("previous", "previous"),
          Map.entry("q", "quiet"),
          Map.entry("quiet", "quiet"),
          Map.entry("help", "help"),
          Map.entry("h", "help"),
          Map.entry("prune", "prune"),
          Map.entry("record", "record"),
          Map.entry("save-config", "save-config"),
          Map.entry("client", "client"),
          Map.entry("timestamps", "timestamps"));

  final List<String> positional = new ArrayList<>();
  final Map<String, List<String>> flags = new LinkedHashMap<>();
  final List<String> afterDashDash = new ArrayList<>();
  boolean dashDash;

  static final class FlagError extends Exception {
    FlagError(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The position of the verb: the first argument that is neither a flag nor a flag's value; -1 when
   * none.
   */
  static int verbIndex(List<String> args) {
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (!a.startsWith("-") || a.equals("-")) {
        return i;
      }
      String name = a.replaceFirst("^--?", "");
      if (!name.contains("=")
          && VALUE_FLAGS.containsKey(name)
          && !name.equals("dry-run")
          && (a.startsWith("--") || name.length() == 1)) {
        i++;
      }
    }
    return -1;
  }

  static KubectlArgs parse(List<String> args, Set<String> logsFollowAlias) throws FlagError {
    KubectlArgs k = new KubectlArgs();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--")) {
        k.dashDash = true;
        k.afterDashDash.addAll(args.subList(i + 1, args.size()));
        break;
      }
      if (a.startsWith("--") && a.length() > 2) {
        String body = a.substring(2);
        int eq = body.indexOf('=');
        String name = eq < 0 ? body : body.substring(0, eq);
        if (VALUE_FLAGS.containsKey(name)) {
          String value;
          if (eq >= 0) {
            value = body.substring(eq + 1);
          } else if (name.equals("dry-run") || name.equals("validate")) {
            value = name.equals("dry-run") ? "client" : "true";
          } else if (i + 1 < args.size()) {
            value = args.get(++i);
          } else {
            throw new FlagError("flag needs an argument: --" + name);
          }
          k.add(VALUE_FLAGS.get(name), value);
        } else if (BOOL_FLAGS.containsKey(name)) {
          k.add(BOOL_FLAGS.get(name), eq < 0 ? "true" : body.substring(eq + 1));
        } else {
          throw new FlagError("unknown flag: --" + name);
        }
      } else if (a.startsWith("-") && a.length() > 1 && !isNumber(a)) {
        String body = a.substring(1);
        for (int j = 0; j < body.length(); j++) {
          String f = String.valueOf(body.charAt(j));
          if (f.equals("f") && logsFollowAlias.contains("f")) {
            k.add("follow", "true");
          } else if (f.equals("p") && logsFollowAlias.contains("p")) {
            k.add("previous", "true");
          } else if (VALUE_FLAGS.containsKey(f)) {
            String rest = body.substring(j + 1);
            if (rest.startsWith("=")) {
              rest = rest.substring(1);
            }
            String value;
            if (!rest.isEmpty()) {
              value = rest;
            } else if (i + 1 < args.size()) {
              value = args.get(++i);
            } else {
              throw new FlagError("flag needs an argument: '" + f + "' in -" + f);
            }
            k.add(VALUE_FLAGS.get(f), value);
            break;
          } else if (BOOL_FLAGS.containsKey(f)) {
            k.add(BOOL_FLAGS.get(f), "true");
          } else {
            throw new FlagError("unknown shorthand flag: '" + f + "' in " + a);
          }
        }
      } else {
        k.positional.add(a);
      }
    }
    return k;
  }

  private static boolean isNumber(String a) {
    return a.matches("-[0-9]+");
  }

  private void add(String name, String value) {
    flags.computeIfAbsent(name, x -> new ArrayList<>()).add(value);
  }

  boolean has(String name) {
    List<String> v = flags.get(name);
    return v != null && !v.isEmpty() && !v.get(v.size() - 1).equals("false");
  }

  String get(String name) {
    List<String> v = flags.get(name);
    return v == null || v.isEmpty() ? null : v.get(v.size() - 1);
  }

  List<String> all(String name) {
    return flags.getOrDefault(name, List.of());
  }
}
