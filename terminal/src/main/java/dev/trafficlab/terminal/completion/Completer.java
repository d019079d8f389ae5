package dev.trafficlab.terminal.completion;

import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.terminal.TerminalContext;
import dev.trafficlab.terminal.files.FileEntry;
import dev.trafficlab.terminal.files.FilesException;
import dev.trafficlab.terminal.files.SandboxFiles;
import dev.trafficlab.terminal.kubectl.KubeObject;
import dev.trafficlab.terminal.kubectl.KubeObjects;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Tab completion for the lab's shell, from the sandbox's own state: command names, the sandbox's
 * files and directories, kubectl's verbs, resource types and the names of objects in the sandbox,
 * istioctl's subcommands and, after {@code proxy-config <type>}, pod names. Reads only immutable
 * snapshots (the config, the files' tree), so it may run on any thread.
 */
public final class Completer {
  /**
   * More candidates than this are cut (bash asks first; a terminal listing thousands helps no one).
   */
  public static final int MAX_CANDIDATES = 200;

  static final List<String> KUBECTL_VERBS =
      List.of(
          "api-resources",
          "apply",
          "create",
          "delete",
          "describe",
          "edit",
          "exec",
          "get",
          "logs",
          "version");
  static final List<String> ISTIOCTL_COMMANDS =
      List.of("analyze", "experimental", "proxy-config", "proxy-status", "version", "x");
  static final List<String> PROXY_CONFIG_TYPES =
      List.of("bootstrap", "cluster", "endpoint", "listener", "log", "route", "secret");
  private static final Set<String> KUBECTL_NAMED_VERBS =
      Set.of("get", "describe", "delete", "edit");
  private static final Set<String> KUBECTL_FLAGS_WITH_VALUE =
      Set.of(
          "-n",
          "--namespace",
          "-f",
          "--filename",
          "-o",
          "--output",
          "-l",
          "--selector",
          "-c",
          "--container",
          "--tail",
          "--since",
          "--context",
          "-i",
          "-t");
  private static final Set<String> COMMAND_PREFIXES = Set.of("sudo", "time", "watch", "xargs");

  private final Set<String> commandNames;

  /**
   * @param commandNames every name the shell runs (the command table's keys); kubectl's alias
   *     {@code k} is offered when present
   */
  public Completer(Collection<String> commandNames) {
    this.commandNames = Set.copyOf(commandNames);
  }

  /** What Tab offers with the cursor at the end of {@code line}. */
  public Completion complete(TerminalContext ctx, String line) {
    LineWords words = LineWords.of(line);
    List<String> before = new ArrayList<>(words.before());
    while (!before.isEmpty() && COMMAND_PREFIXES.contains(before.get(0))) {
      before.remove(0);
      // watch's options come before its command
      while (!before.isEmpty() && before.get(0).startsWith("-")) {
        String option = before.remove(0);
        if ((option.equals("-n") || option.equals("--interval")) && !before.isEmpty()) {
          before.remove(0);
        }
      }
    }
    String word = words.current();
    List<String> found;
    if (before.isEmpty()) {
      found = word.contains("/") ? files(ctx, word) : matching(commandNames, word);
    } else {
      found =
          switch (before.get(0)) {
            case "kubectl", "k" -> kubectl(ctx, before.subList(1, before.size()), word);
            case "istioctl" -> istioctl(ctx, before.subList(1, before.size()), word);
            default -> files(ctx, word);
          };
    }
    if (found.size() > MAX_CANDIDATES) {
      found = found.subList(0, MAX_CANDIDATES);
    }
    return new Completion(words.currentStart(), found);
  }

  private List<String> kubectl(TerminalContext ctx, List<String> args, String word) {
    String previous = args.isEmpty() ? "" : args.get(args.size() - 1);
    if (previous.equals("-f") || previous.equals("--filename")) {
      return files(ctx, word);
    }
    if (previous.equals("-n") || previous.equals("--namespace")) {
      return names(ctx, ResourceKind.NAMESPACE, null, word, "");
    }
    if (word.startsWith("-")) {
      return List.of();
    }
    List<String> positional = new ArrayList<>();
    String namespace = "default";
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("-A") || a.equals("--all-namespaces")) {
        namespace = null;
      } else if ((a.equals("-n") || a.equals("--namespace")) && i + 1 < args.size()) {
        namespace = args.get(++i);
      } else if (a.startsWith("--namespace=")) {
        namespace = a.substring("--namespace=".length());
      } else if (KUBECTL_FLAGS_WITH_VALUE.contains(a)) {
        i++;
      } else if (!a.startsWith("-")) {
        positional.add(a);
      }
    }
    if (positional.isEmpty()) {
      return matching(KUBECTL_VERBS, word);
    }
    String verb = positional.get(0);
    String ns = namespace;
    if (verb.equals("logs") || verb.equals("exec")) {
      return positional.size() == 1 ? names(ctx, ResourceKind.POD, ns, word, "") : List.of();
    }
    if (!KUBECTL_NAMED_VERBS.contains(verb)) {
      return List.of();
    }
    if (positional.size() == 1) {
      int slash = word.indexOf('/');
      if (slash > 0) {
        return ResourceKind.byCommandLineName(word.substring(0, slash))
            .map(k -> names(ctx, k, ns, word.substring(slash + 1), word.substring(0, slash + 1)))
            .orElse(List.of());
      }
      List<String> types = new ArrayList<>();
      for (ResourceKind k : ResourceKind.values()) {
        if (k != ResourceKind.GENERIC && !k.plural().isEmpty()) {
          types.add(k.plural());
        }
      }
      if (!verb.equals("edit")) {
        types.add("all");
      }
      return matching(types, word);
    }
    Optional<ResourceKind> kind = ResourceKind.byCommandLineName(positional.get(1));
    return kind.map(k -> names(ctx, k, ns, word, "")).orElse(List.of());
  }

  private List<String> istioctl(TerminalContext ctx, List<String> args, String word) {
    List<String> positional = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("-n") || a.equals("--namespace") || a.equals("-o") || a.equals("--output")) {
        i++;
      } else if (!a.startsWith("-")) {
        positional.add(a);
      }
    }
    if (word.startsWith("-")) {
      return List.of();
    }
    if (positional.isEmpty()) {
      return matching(ISTIOCTL_COMMANDS, word);
    }
    String sub = positional.get(0);
    if (sub.equals("proxy-config") || sub.equals("pc")) {
      if (positional.size() == 1) {
        return matching(PROXY_CONFIG_TYPES, word);
      }
      return positional.size() == 2 ? podRefs(ctx, word) : List.of();
    }
    if (sub.equals("proxy-status") || sub.equals("ps")) {
      return positional.size() == 1 ? podRefs(ctx, word) : List.of();
    }
    if (sub.equals("x") || sub.equals("experimental")) {
      if (positional.size() == 1) {
        return matching(List.of("describe"), word);
      }
      if (positional.size() == 2 && positional.get(1).equals("describe")) {
        return matching(List.of("pod", "service"), word);
      }
      if (positional.size() == 3 && positional.get(1).equals("describe")) {
        ResourceKind k =
            positional.get(2).startsWith("s") ? ResourceKind.SERVICE : ResourceKind.POD;
        return names(ctx, k, "default", word, "");
      }
    }
    return List.of();
  }

  /** Pods as istioctl names them: {@code name} in default, {@code name.namespace} elsewhere. */
  private static List<String> podRefs(TerminalContext ctx, String word) {
    TreeSet<String> out = new TreeSet<>();
    for (KubeObject pod : objects(ctx).list(ResourceKind.POD, null)) {
      String ref =
          "default".equals(pod.namespace()) ? pod.name() : pod.name() + "." + pod.namespace();
      if (ref.startsWith(word)) {
        out.add(ref);
      }
    }
    return new ArrayList<>(out);
  }

  private static List<String> names(
      TerminalContext ctx, ResourceKind kind, String namespace, String word, String prefix) {
    TreeSet<String> out = new TreeSet<>();
    for (KubeObject o : objects(ctx).list(kind, kind.namespaced() ? namespace : null)) {
      if (o.name().startsWith(word)) {
        out.add(prefix + o.name());
      }
    }
    return new ArrayList<>(out);
  }

  private static KubeObjects objects(TerminalContext ctx) {
    return new KubeObjects(ctx.config().current(), ctx.createdAt());
  }

  /**
   * The sandbox's files and directories that complete {@code word} (relative to the working
   * directory, or absolute, or from {@code ~/}); a directory ends with a slash.
   */
  static List<String> files(TerminalContext ctx, String word) {
    int slash = word.lastIndexOf('/');
    String dirTyped = slash < 0 ? "" : word.substring(0, slash + 1);
    String prefix = word.substring(slash + 1);
    String dir = dirTyped.isEmpty() ? "." : dirTyped;
    if (dir.equals("~/") || dir.startsWith("~/")) {
      dir = SandboxFiles.HOME + dir.substring(1);
    }
    String cwd = ctx.shell().cwd();
    List<String> out = new ArrayList<>();
    try {
      for (FileEntry e : ctx.files().list(SandboxFiles.resolve(cwd, dir))) {
        if (e.name().startsWith(prefix) && (prefix.startsWith(".") || !e.name().startsWith("."))) {
          out.add(dirTyped + e.name() + (e.directory() ? "/" : ""));
        }
      }
    } catch (FilesException e) {
      return List.of();
    }
    out.sort(null);
    return out;
  }

  private static List<String> matching(Collection<String> names, String word) {
    TreeSet<String> out = new TreeSet<>();
    for (String n : names) {
      if (n.startsWith(word)) {
        out.add(n);
      }
    }
    return new ArrayList<>(out);
  }
}
