package dev.trafficlab.terminal.commands;

import dev.trafficlab.terminal.Command;
import dev.trafficlab.terminal.Invocation;
import dev.trafficlab.terminal.files.FilesException;
import dev.trafficlab.terminal.files.SandboxFiles;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * bash/sh FILE, bash -c, source, type/which, help, and the lab's own `lab` command that cleanup.sh
 * ends with.
 */
final class ScriptCommands {
  private ScriptCommands() {}

  static void register(Map<String, Command> m) {
    m.put("bash", ScriptCommands::bash);
    m.put("sh", ScriptCommands::bash);
    m.put("source", ScriptCommands::source);
    m.put(".", ScriptCommands::source);
    m.put("eval", inv -> inv.runHere(String.join(" ", inv.args())));
    m.put("type", inv -> which(inv, true));
    m.put("which", inv -> which(inv, false));
    m.put("help", ScriptCommands::help);
    m.put("lab", ScriptCommands::lab);
  }

  static Future<Integer> bash(Invocation inv) {
    List<String> args = inv.args();
    int i = 0;
    while (i < args.size() && args.get(i).startsWith("-") && !args.get(i).equals("-c")) {
      i++; // -x, -e and friends change nothing here
    }
    if (i < args.size() && args.get(i).equals("-c")) {
      if (i + 1 >= args.size()) {
        inv.eprintln(inv.name() + ": -c: option requires an argument");
        return Invocation.exit(2);
      }
      return inv.runScript(
          args.get(i + 1), inv.name(), args.subList(Math.min(args.size(), i + 3), args.size()));
    }
    if (i >= args.size()) {
      if (inv.stdin() != null) {
        return inv.runScript(inv.stdin(), inv.name(), List.of());
      }
      inv.eprintln(
          inv.name()
              + ": an interactive shell inside the terminal is not supported; run commands directly");
      return Invocation.exit(1);
    }
    String file = args.get(i);
    String abs = inv.resolve(file);
    if (inv.files().isDirectory(abs)) {
      inv.eprintln(inv.name() + ": " + file + ": Is a directory");
      return Invocation.exit(126);
    }
    try {
      String text = inv.files().read(abs);
      return inv.runScript(text, file, args.subList(i + 1, args.size()));
    } catch (FilesException e) {
      inv.eprintln(inv.name() + ": " + file + ": " + e.getMessage());
      return Invocation.exit(127);
    }
  }

  static Future<Integer> source(Invocation inv) {
    if (inv.args().isEmpty()) {
      inv.eprintln("bash: " + inv.name() + ": filename argument required");
      return Invocation.exit(2);
    }
    String file = inv.args().get(0);
    try {
      return inv.runSourced(file, inv.files().read(inv.resolve(file)));
    } catch (FilesException e) {
      inv.eprintln("bash: " + file + ": " + e.getMessage());
      return Invocation.exit(1);
    }
  }

  private static final java.util.Set<String> BUILTINS =
      java.util.Set.of(
          "echo",
          "printf",
          "cd",
          "pwd",
          "export",
          "unset",
          "history",
          "source",
          ".",
          "eval",
          "type",
          "help",
          "true",
          "false",
          ":",
          "exit",
          "return",
          "break",
          "continue",
          "read",
          "local",
          "alias",
          "unalias",
          "test",
          "[");

  /** Builtins the interpreter runs itself (they change its control flow or variables). */
  private static final java.util.Set<String> CONTROL =
      java.util.Set.of("exit", "return", "break", "continue", "read");

  private static final java.util.Set<String> KEYWORDS =
      java.util.Set.of(
          "if",
          "then",
          "else",
          "elif",
          "fi",
          "case",
          "esac",
          "for",
          "while",
          "until",
          "do",
          "done",
          "function",
          "[[",
          "]]",
          "{",
          "}",
          "!");

  static Future<Integer> which(Invocation inv, boolean type) {
    int code = 0;
    for (String a : inv.args()) {
      if (a.startsWith("-")) {
        continue;
      }
      String alias = inv.ctx().shell().aliases().get(a);
      if (alias != null) {
        inv.println(
            type ? a + " is aliased to `" + alias + "'" : "alias " + a + "='" + alias + "'");
        continue;
      }
      var fn = inv.vars().function(a);
      if (fn != null) {
        if (type) {
          inv.println(a + " is a function");
          inv.println(fn.source());
        }
        continue;
      }
      if (KEYWORDS.contains(a) && type) {
        inv.println(a + " is a shell keyword");
        continue;
      }
      if (!inv.commands().containsKey(a) && !CONTROL.contains(a)) {
        if (type) {
          inv.eprintln("bash: type: " + a + ": not found");
        }
        code = 1;
      } else if (type && BUILTINS.contains(a)) {
        inv.println(a + " is a shell builtin");
      } else {
        String path =
            switch (a) {
              case "istioctl" -> SandboxFiles.ISTIO_HOME + "/bin/istioctl";
              case "kubectl", "curl" -> "/usr/local/bin/" + a;
              default -> "/usr/bin/" + a;
            };
        inv.println(type ? a + " is " + path : path);
      }
    }
    return Invocation.exit(code);
  }

  static Future<Integer> help(Invocation inv) {
    TreeSet<String> names = new TreeSet<>(inv.commands().keySet());
    names.remove(".");
    names.remove(":");
    inv.print(
        """
        Traffic Lab shell: a small bash for the lesson, running against your own sandbox.

        Istio and Kubernetes:
          kubectl apply|create|delete -f FILE|DIR|-     kubectl get|describe|delete KIND [NAME] [-n NS|-A] [-l SEL] [-o yaml|json|wide|name|jsonpath=...]
          kubectl exec POD [-c CONTAINER] -- curl ...   kubectl logs POD -c istio-proxy      kubectl edit KIND NAME
          kubectl create namespace NAME                 kubectl version
          istioctl proxy-status                         istioctl proxy-config route|cluster|listener|endpoint POD.NAMESPACE [-o json] [--name NAME]
          istioctl analyze                              istioctl x describe pod POD      istioctl version
          curl [-s] [-i|-I] [-H 'k: v'] [-X M] [-o FILE] [-w '%{http_code}'] URL   (from a client pod, through the mesh)

        Shell: quotes, \\ escapes, $VAR ${VAR}, $(...), $((1+2)), && || ; |, <<EOF here-documents, > >> < redirections,
          for/while/until loops, if/elif/else, case, functions, [ ] and [[ ]], read, alias (k is kubectl), # comments.
          Files: your copy of the lesson files under /root ($ISTIO_HOME).

        Commands:
        """);
    inv.println("  " + String.join(" ", names));
    return Invocation.exit(0);
  }

  /** `lab restore-lesson-start`: what the lab's cleanup.sh ends with. */
  static Future<Integer> lab(Invocation inv) {
    if (inv.args().equals(List.of("restore-lesson-start"))) {
      inv.ctx().resetToLessonStart();
      inv.println(
          "Lesson start restored: bookinfo-gateway.yaml and destination-rule-all.yaml are applied again"
              + " and your files are back to the originals.");
      return Invocation.exit(0);
    }
    inv.eprintln("usage: lab restore-lesson-start");
    return Invocation.exit(2);
  }
}
