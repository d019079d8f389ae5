package dev.trafficlab.terminal.net;

import dev.trafficlab.bookinfo.MeshBusyException;
import dev.trafficlab.bookinfo.MeshRequestException;
import dev.trafficlab.bookinfo.app.BookinfoMesh;
import dev.trafficlab.bookinfo.app.MeshResponse;
import dev.trafficlab.bookinfo.load.LoadReport;
import dev.trafficlab.bookinfo.load.LoadRun;
import dev.trafficlab.bookinfo.load.LoadSpec;
import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.mesh.routing.RouteRequest;
import dev.trafficlab.terminal.Invocation;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fortio binary of the fortio/fortio image: {@code fortio load [flags] URL} (a load run through
 * the pod's sidecar with fortio 1.11's report), {@code fortio load -curl URL} and {@code fortio
 * curl URL} (one request, printed with its headers).
 */
public final class Fortio {
  private Fortio() {}

  static final String USER_AGENT = "fortio.org/fortio-" + FortioReport.VERSION;

  /** Flags that take a value, with the defaults fortio 1.11 has. */
  private static final Map<String, String> VALUE_FLAGS =
      Map.of(
          "c",
          "8",
          "qps",
          "8",
          "n",
          "0",
          "t",
          "5s",
          "loglevel",
          "Info",
          "timeout",
          "3s",
          "H",
          "",
          "p",
          "50,75,90,99,99.9",
          "r",
          "0.001");

  private static final List<String> BOOL_FLAGS = List.of("curl", "quiet", "a", "k", "jitter");

  /** What a command line asked fortio for. */
  static final class Options {
    final Map<String, String> values = new LinkedHashMap<>();
    final java.util.Set<String> bools = new java.util.HashSet<>();
    final Map<String, String> headers = new LinkedHashMap<>();
    String url;
  }

  /** Runs fortio ARGS in {@code pod} (the fortio container). */
  public static Future<Integer> run(Invocation inv, List<String> args, Pod pod) {
    if (args.isEmpty()) {
      usage(inv);
      return Invocation.exit(1);
    }
    String sub = args.get(0);
    if (sub.equals("version")) {
      inv.print(FortioReport.VERSION + "\n");
      return Invocation.exit(0);
    }
    if (!sub.equals("load") && !sub.equals("curl")) {
      if (List.of("server", "report", "grpcping", "redirect", "proxies", "nc", "tcp", "udp")
          .contains(sub)) {
        inv.eprintln(
            "Error: Traffic Lab's fortio runs load and curl only (fortio load -c 2 -qps 0 -n 20 URL)");
        return Invocation.exit(1);
      }
      usage(inv);
      return Invocation.exit(1);
    }
    Options o;
    try {
      o = parse(args.subList(1, args.size()));
    } catch (IllegalArgumentException e) {
      inv.eprintln(e.getMessage());
      usage(inv);
      return Invocation.exit(1);
    }
    if (o.url == null) {
      inv.eprintln("Error: fortio " + sub + " needs a url or destination");
      usage(inv);
      return Invocation.exit(1);
    }
    Target t;
    try {
      t = Target.parse(o.url.contains("://") ? o.url : "http://" + o.url);
    } catch (IllegalArgumentException e) {
      inv.eprintln(clock() + " E http_client.go:NNN> Bad url '" + o.url + "' : " + e.getMessage());
      return Invocation.exit(1);
    }
    Curl.Resolution r = Curl.resolve(inv.ctx().config().current().inventory(), t, pod);
    if (r.error() != null) {
      String reason =
          r.exitCode() == 6
              ? "lookup " + t.host() + " on 10.96.0.10:53: no such host"
              : "dial tcp "
                  + (r.ip() == null ? t.host() : r.ip())
                  + ":"
                  + t.port()
                  + ": connect: connection refused";
      inv.eprintln(
          clock()
              + " E http_client.go:NNN> Unable to connect to "
              + t.host()
              + ":"
              + t.port()
              + " : "
              + reason);
      if (sub.equals("curl") || o.bools.contains("curl")) {
        inv.eprintln(clock() + " E http_client.go:NNN> Aborting because of " + reason);
        return Invocation.exit(1);
      }
    }
    BookinfoMesh mesh = inv.ctx().dataPlane();
    if (mesh == null) {
      inv.eprintln("Error: the sandbox's mesh is not running");
      return Invocation.exit(1);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("host", t.explicitPort() ? t.host() + ":" + t.port() : t.host());
    headers.put("user-agent", USER_AGENT);
    o.headers.forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
    if (sub.equals("curl") || o.bools.contains("curl")) {
      inv.budget().countRequest();
      return curl(inv, mesh, pod, t, headers);
    }
    return load(inv, mesh, pod, t, o, headers);
  }

  private static Future<Integer> curl(
      Invocation inv, BookinfoMesh mesh, Pod pod, Target t, Map<String, String> headers) {
    RouteRequest req =
        new RouteRequest(pod.name(), t.host(), t.port(), "GET", t.pathAndQuery(), headers);
    Future<MeshResponse> call;
    try {
      call = mesh.call(inv.ctx().mesh(), req);
    } catch (RuntimeException e) {
      inv.eprintln(clock() + " E http_client.go:NNN> " + e.getMessage());
      return Invocation.exit(1);
    }
    return call.transform(
        ar -> {
          if (ar.failed()) {
            inv.eprintln(clock() + " E http_client.go:NNN> " + ar.cause().getMessage());
            return Invocation.exit(1);
          }
          MeshResponse resp = ar.result();
          StringBuilder b = new StringBuilder();
          b.append("HTTP/1.1 ")
              .append(resp.status())
              .append(' ')
              .append(Reasons.phrase(resp.status()))
              .append('\n');
          resp.headers().forEach((k, v) -> b.append(k).append(": ").append(v).append('\n'));
          b.append('\n').append(resp.body() == null ? "" : resp.body());
          inv.print(b.toString());
          return Invocation.exit(0);
        });
  }

  private static Future<Integer> load(
      Invocation inv,
      BookinfoMesh mesh,
      Pod pod,
      Target t,
      Options o,
      Map<String, String> headers) {
    int threads;
    double qps;
    int calls;
    long durationMs;
    int level;
    try {
      threads = intFlag(o, "c");
      qps = Double.parseDouble(o.values.getOrDefault("qps", "8"));
      calls = intFlag(o, "n");
      durationMs = goDurationMs(o.values.getOrDefault("t", "5s"));
      level = level(o.values.getOrDefault("loglevel", "Info"));
    } catch (IllegalArgumentException e) {
      inv.eprintln(e.getMessage());
      return Invocation.exit(1);
    }
    if (qps < 0) {
      qps = 0;
    }
    LoadSpec spec;
    try {
      spec =
          new LoadSpec(
              pod.name(),
              t.host(),
              t.port(),
              t.pathAndQuery(),
              headers,
              threads,
              qps,
              calls,
              durationMs);
    } catch (IllegalArgumentException e) {
      inv.eprintln("Error: " + e.getMessage());
      return Invocation.exit(1);
    }
    // Each call is a request of the command line's budget; a timed run may make up to the cap.
    int planned =
        calls > 0
            ? calls
            : qps > 0
                ? (int) Math.min(LoadSpec.MAX_CALLS, Math.ceil(qps * durationMs / 1000.0) + threads)
                : LoadSpec.MAX_CALLS;
    for (int i = 0; i < planned; i++) {
      inv.budget().countRequest();
    }
    String url = t.url();
    StringBuilder head = new StringBuilder();
    if (level != 2) {
      head.append(clock())
          .append(" I logger.go:127> Log level is now ")
          .append(level)
          .append(' ')
          .append(FortioReport.LEVELS.get(level))
          .append(" (was 2 Info)\n");
    }
    head.append(FortioReport.banner(url, qps, threads, calls, durationMs));
    if (level <= 2) {
      head.append(clock())
          .append(" I httprunner.go:82> Starting http test for ")
          .append(url)
          .append(" with ")
          .append(threads)
          .append(" threads at ")
          .append(String.format(Locale.ROOT, "%.1f", qps > 0 ? qps : -1.0))
          .append(" qps\n");
    }
    head.append(FortioReport.plan(qps, threads, calls, durationMs));
    LoadRun run;
    try {
      run = mesh.load(inv.ctx().mesh(), spec);
    } catch (MeshBusyException | MeshRequestException e) {
      inv.eprintln("Error: " + e.getMessage());
      return Invocation.exit(1);
    }
    inv.print(head.toString());
    // Ctrl+C: no thread sends another call (the shell ends the line itself, with 130).
    Runnable forget = inv.onInterrupt(run::stop);
    return run.report()
        .map(
            report -> {
              forget.run();
              inv.print(tail(report, level, threads));
              return 0;
            });
  }

  /** The warnings, per-thread lines and the report after the run. */
  static String tail(LoadReport report, int level, int threads) {
    StringBuilder b = new StringBuilder();
    if (level <= 3) {
      for (LoadReport.Call c : report.calls()) {
        if (c.status() > 0 && (c.status() < 200 || c.status() > 299)) {
          b.append(FortioReport.clock(c.at()))
              .append(" W http_client.go:693> Parsed non ok code ")
              .append(c.status())
              .append(" (HTTP/1.1 ")
              .append(c.status())
              .append(")\n");
        }
      }
    }
    if (level <= 2) {
      Instant end = report.startedAt().plusNanos(report.elapsedNanos());
      for (int i = 0; i < threads; i++) {
        long nanos = report.threadNanos()[i];
        double q = nanos > 0 ? report.threadCalls()[i] / (nanos / 1e9) : 0;
        b.append(FortioReport.clock(end))
            .append(String.format(Locale.ROOT, " I periodic.go:558> T%03d ended after ", i))
            .append(GoFormat.duration(nanos))
            .append(" : ")
            .append(report.threadCalls()[i])
            .append(" calls. qps=")
            .append(GoFormat.g(q))
            .append('\n');
      }
    }
    if (report.interrupted()) {
      b.append("Interrupted: the run stopped early\n");
    }
    if (report.capped()) {
      b.append("(Traffic Lab stops a fortio run at ")
          .append(LoadSpec.MAX_CALLS)
          .append(" calls)\n");
    }
    b.append(FortioReport.results(report, threads));
    return b.toString();
  }

  static Options parse(List<String> args) {
    Options o = new Options();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (!a.startsWith("-") || a.equals("-")) {
        if (o.url != null) {
          throw new IllegalArgumentException("Error: fortio takes one url, got " + a);
        }
        o.url = a;
        continue;
      }
      String name = a.startsWith("--") ? a.substring(2) : a.substring(1);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (BOOL_FLAGS.contains(name)) {
        if (value == null || value.equals("true")) {
          o.bools.add(name);
        }
        continue;
      }
      if (!VALUE_FLAGS.containsKey(name)) {
        throw new IllegalArgumentException("flag provided but not defined: -" + name);
      }
      if (value == null) {
        if (i + 1 >= args.size()) {
          throw new IllegalArgumentException("flag needs an argument: -" + name);
        }
        value = args.get(++i);
      }
      if (name.equals("H")) {
        int colon = value.indexOf(':');
        if (colon <= 0) {
          throw new IllegalArgumentException(
              "invalid value \"" + value + "\" for flag -H: invalid extra header '" + value + "'");
        }
        o.headers.put(value.substring(0, colon).trim(), value.substring(colon + 1).trim());
      } else {
        o.values.put(name, value);
      }
    }
    return o;
  }

  private static int intFlag(Options o, String name) {
    String v = o.values.getOrDefault(name, VALUE_FLAGS.get(name));
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "invalid value \"" + v + "\" for flag -" + name + ": parse error");
    }
  }

  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

  /** A Go duration (500ms, 5s, 1m30s) in milliseconds. */
  static long goDurationMs(String v) {
    Matcher m = DURATION.matcher(v);
    long total = 0;
    int at = 0;
    while (m.find() && m.start() == at) {
      double n = Double.parseDouble(m.group(1));
      total +=
          (long)
              (n
                  * switch (m.group(2)) {
                    case "ms" -> 1;
                    case "s" -> 1000;
                    case "m" -> 60_000;
                    default -> 3_600_000;
                  });
      at = m.end();
    }
    if (at == 0 || at != v.length()) {
      throw new IllegalArgumentException("invalid value \"" + v + "\" for flag -t: parse error");
    }
    return total;
  }

  private static int level(String v) {
    for (int i = 0; i < FortioReport.LEVELS.size(); i++) {
      if (FortioReport.LEVELS.get(i).equalsIgnoreCase(v)) {
        return i;
      }
    }
    throw new IllegalArgumentException(
        "invalid value \"" + v + "\" for flag -loglevel: Invalid level " + v);
  }

  private static String clock() {
    return FortioReport.clock(Instant.now());
  }

  private static void usage(Invocation inv) {
    inv.eprintln("Φορτίο " + FortioReport.VERSION + " usage:");
    inv.eprintln("\tfortio command [flags] target");
    inv.eprintln("where command is one of: load (load testing), curl (single URL debug), ...");
    inv.eprintln("(Traffic Lab's fortio runs load and curl)");
  }
}
