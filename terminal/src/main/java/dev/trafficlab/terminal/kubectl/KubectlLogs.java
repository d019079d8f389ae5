package dev.trafficlab.terminal.kubectl;

import dev.trafficlab.bookinfo.TrafficRecord;
import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.terminal.Invocation;
import dev.trafficlab.terminal.containers.ContainerLogText;
import io.vertx.core.Future;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * kubectl logs POD -c istio-proxy: the sidecar's Envoy access log, built from the sandbox's traffic
 * record, in Istio 1.8's default text format. Outbound lines are requests the pod made; inbound
 * lines are requests it served.
 */
final class KubectlLogs {
  private KubectlLogs() {}

  private static final DateTimeFormatter START =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
          .withZone(java.time.ZoneOffset.UTC);

  static Future<Integer> logs(KubectlContext c) {
    Invocation inv = c.inv();
    List<String> pos = c.args().positional;
    if (pos.isEmpty()) {
      inv.eprintln("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.");
      inv.eprintln("POD or TYPE/NAME is a required argument for the logs command");
      inv.eprintln("See 'kubectl logs -h' for help and examples");
      return Invocation.exit(1);
    }
    String target = pos.get(0);
    // One view of the cluster for the whole command: each c.objects() builds a fresh one.
    dev.trafficlab.mesh.inventory.Inventory inventory = c.objects().snapshot().inventory();
    PodTargets.Resolved found = PodTargets.resolve(inventory, c.namespace(), target);
    if (found.pod() == null) {
      inv.eprintln(found.error());
      return Invocation.exit(1);
    }
    if (found.candidates() > 1) {
      inv.eprintln("Found " + found.candidates() + " pods, using pod/" + found.pod().name());
    }
    Pod p = found.pod();
    List<String> containers = KubeObjects.containers(p);
    String container = c.args().get("container");
    if (container == null && pos.size() > 1) {
      container = pos.get(1);
    }
    if (container == null) {
      if (containers.size() > 1) {
        inv.eprintln(
            "error: a container name must be specified for pod "
                + p.name()
                + ", choose one of: "
                + "["
                + String.join(" ", containers)
                + "] or one of the init containers: [istio-init]");
        return Invocation.exit(1);
      }
      container = containers.get(0);
    }
    if (!containers.contains(container)) {
      inv.eprintln("error: container " + container + " is not valid for pod " + p.name());
      return Invocation.exit(1);
    }
    boolean follow = c.args().has("follow");
    String tail = c.args().get("tail");
    if (!container.equals("istio-proxy")) {
      int n = -1;
      if (tail != null) {
        try {
          n = Integer.parseInt(tail);
        } catch (NumberFormatException e) {
          inv.eprintln("error: invalid argument \"" + tail + "\" for \"--tail\" flag");
          return Invocation.exit(1);
        }
      }
      StringBuilder out = new StringBuilder();
      ContainerLogText.lines(inv, p, n).forEach(l -> out.append(l).append('\n'));
      inv.print(out.toString());
      return follow ? Following.followContainerLog(inv, p) : Invocation.exit(0);
    }
    List<TrafficRecord> records = inv.ctx().mesh().traffic().recent(1000);
    List<String> lines = proxyLines(records, p, inventory);
    if (tail != null) {
      try {
        int n = Integer.parseInt(tail);
        if (n >= 0 && n < lines.size()) {
          lines = lines.subList(lines.size() - n, lines.size());
        }
      } catch (NumberFormatException e) {
        inv.eprintln("error: invalid argument \"" + tail + "\" for \"--tail\" flag");
        return Invocation.exit(1);
      }
    }
    StringBuilder sb = new StringBuilder();
    lines.forEach(l -> sb.append(l).append('\n'));
    inv.print(sb.toString());
    if (follow) {
      return Following.followProxyLog(inv, p, inventory, records);
    }
    return Invocation.exit(0);
  }

  /** The pod's sidecar access-log lines for these records, oldest first. */
  static List<String> proxyLines(
      List<TrafficRecord> records, Pod p, dev.trafficlab.mesh.inventory.Inventory inventory) {
    List<String> lines = new ArrayList<>();
    for (TrafficRecord r : records) {
      // a mirrored copy leaves the caller's Envoy through an async client, outside the listener
      // whose access log this is: only the mirror's own sidecar logs it (inbound)
      boolean outbound = sameWorkload(r.fromPod(), p) && !isShadow(r.authority());
      boolean inbound = r.upstreamPod() != null && r.upstreamPod().equals(p.name());
      if (outbound) {
        lines.add(line(r, p, true, inventory));
        continue;
      }
      // Each try reached a pod's sidecar as a request of its own: a retried one logs once a try.
      for (TrafficRecord.Try t : r.earlierTries()) {
        if (t.pod().equals(p.name())) {
          lines.add(
              line(
                  new TrafficRecord(
                      t.start(),
                      r.requestId(),
                      r.fromPod(),
                      r.method(),
                      r.authority(),
                      r.path(),
                      r.protocol(),
                      t.status(),
                      t.status() == 0 ? "DC" : "-",
                      0,
                      t.durationMs(),
                      r.cluster(),
                      t.upstreamHost(),
                      t.pod(),
                      r.subset(),
                      r.origin(),
                      r.userAgent(),
                      r.endUser()),
                  p,
                  false,
                  inventory));
        }
      }
      if (inbound) {
        lines.add(line(inboundView(r), p, false, inventory));
      }
    }
    return lines;
  }

  /**
   * The last try as the answering pod's sidecar saw it: the caller's flags (URX, DI, UT...) are the
   * caller's; a try the caller cut at a timeout ends as a downstream disconnect with no status.
   */
  private static TrafficRecord inboundView(TrafficRecord r) {
    boolean cut = r.responseFlags() != null && r.responseFlags().contains("UT");
    return new TrafficRecord(
        r.start(),
        r.requestId(),
        r.fromPod(),
        r.method(),
        r.authority(),
        r.path(),
        r.protocol(),
        cut ? 0 : r.status(),
        cut ? "DC" : "-",
        cut ? 0 : r.bytesSent(),
        r.durationMs(),
        r.cluster(),
        r.upstreamHost(),
        r.upstreamPod(),
        r.subset(),
        r.origin(),
        r.userAgent(),
        r.endUser());
  }

  private static boolean sameWorkload(String from, Pod p) {
    if (from == null) {
      return false;
    }
    return from.equals(p.name()) || from.equals(p.workload());
  }

  /** One Envoy access-log line in Istio 1.8's default TEXT format. */
  static String line(
      TrafficRecord r, Pod p, boolean outbound, dev.trafficlab.mesh.inventory.Inventory inventory) {
    String flags = dash(r.responseFlags());
    String upstreamHost =
        r.upstreamHost() == null || r.upstreamHost().isEmpty() ? "-" : r.upstreamHost();
    String cluster = outbound ? dash(r.cluster()) : "inbound|9080||";
    String downstreamLocal;
    String downstreamRemote;
    String routeName;
    String upstreamLocal;
    String authority = dash(r.authority());
    String serverName;
    boolean gateway = "ingressgateway".equals(p.labels().get("istio"));
    if (outbound && gateway) {
      // The gateway's own listener took the request from outside: its port 8080 (the Service's
      // port 80), from the client that called the node port.
      downstreamLocal = p.ip() + ":8080";
      downstreamRemote =
          Pod.NODE_IP
              + ":"
              + (40000 + Math.abs(r.requestId() == null ? 0 : r.requestId().hashCode() % 20000));
      routeName = "-";
      upstreamLocal =
          upstreamHost.equals("-")
              ? "-"
              : p.ip() + ":" + (50000 + Math.abs(upstreamHost.hashCode() % 9000));
      serverName = "-";
    } else if (outbound) {
      downstreamLocal = serviceAddress(r.authority(), inventory);
      downstreamRemote =
          p.ip()
              + ":"
              + (40000 + Math.abs(r.requestId() == null ? 0 : r.requestId().hashCode() % 20000));
      routeName = r.virtualService() == null ? "default" : "-";
      upstreamLocal =
          upstreamHost.equals("-")
              ? "-"
              : p.ip() + ":" + (50000 + Math.abs(upstreamHost.hashCode() % 9000));
      serverName = "-";
    } else {
      // the port the request reached on the pod (httpbin's 80, Bookinfo's 9080), and the client's
      // cluster (outbound|8000|v2|httpbin...) as the SNI Istio 1.8 sets on the mTLS connection
      String port = portOf(r.upstreamHost(), "9080");
      cluster = "inbound|" + port + "||";
      downstreamLocal = p.ip() + ":" + port;
      downstreamRemote = "-";
      routeName = "default";
      upstreamLocal = "127.0.0.1:" + (50000 + Math.abs(p.name().hashCode() % 9000));
      upstreamHost = "127.0.0.1:" + port;
      String[] c = r.cluster() == null ? new String[0] : r.cluster().split("\\|", -1);
      serverName =
          c.length == 4 && c[0].equals("outbound")
              ? "outbound_." + c[1] + "_." + c[2] + "_." + c[3]
              : "outbound_.9080_."
                  + (r.subset() == null ? "" : r.subset())
                  + "_."
                  + p.app()
                  + "."
                  + p.namespace()
                  + ".svc.cluster.local";
    }
    long duration = Math.round(r.durationMs());
    String serviceTime = r.upstreamPod() == null ? "-" : String.valueOf(Math.max(0, duration - 1));
    return "["
        + START.format(r.start().truncatedTo(ChronoUnit.MILLIS))
        + "] \""
        + r.method()
        + " "
        + r.path()
        + " "
        + (r.protocol() == null ? "HTTP/1.1" : r.protocol())
        + "\" "
        + r.status()
        + " "
        + flags
        + " \"-\" 0 "
        + r.bytesSent()
        + " "
        + duration
        + " "
        + serviceTime
        + " \"-\" \""
        + dash(r.userAgent())
        + "\" \""
        + dash(r.requestId())
        + "\" \""
        + authority
        + "\" \""
        + upstreamHost
        + "\" "
        + cluster
        + " "
        + upstreamLocal
        + " "
        + downstreamLocal
        + " "
        + downstreamRemote
        + " "
        + serverName
        + " "
        + routeName;
  }

  private static boolean isShadow(String authority) {
    return authority != null && hostOf(authority).endsWith("-shadow");
  }

  private static String portOf(String hostPort, String fallback) {
    int colon = hostPort == null ? -1 : hostPort.lastIndexOf(':');
    return colon < 0 || colon == hostPort.length() - 1 ? fallback : hostPort.substring(colon + 1);
  }

  private static String hostOf(String authority) {
    if (authority == null) {
      return "-";
    }
    String h = authority.contains(":") ? authority.substring(0, authority.indexOf(':')) : authority;
    return h.contains(".") ? h.substring(0, h.indexOf('.')) : h;
  }

  /**
   * The service VIP the app connected to (Envoy's DOWNSTREAM_LOCAL_ADDRESS on an outbound
   * listener).
   */
  private static String serviceAddress(
      String authority, dev.trafficlab.mesh.inventory.Inventory inventory) {
    String host = authority == null ? "" : hostOf(authority);
    String port =
        authority != null && authority.contains(":")
            ? authority.substring(authority.indexOf(':') + 1)
            : "9080";
    return inventory.services().stream()
        .filter(s -> s.name().equals(host))
        .map(s -> s.clusterIp() + ":" + port)
        .findFirst()
        .orElse(host + ":" + port);
  }

  private static String dash(String s) {
    return s == null || s.isEmpty() ? "-" : s;
  }
}
