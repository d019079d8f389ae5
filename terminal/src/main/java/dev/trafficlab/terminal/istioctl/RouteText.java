package dev.trafficlab.terminal.istioctl;

import dev.trafficlab.mesh.routing.Outcome;
import dev.trafficlab.mesh.routing.ProxyConfig;
import dev.trafficlab.terminal.format.Table;
import java.util.List;

/** istioctl 1.8 proxy-config route's table (istioctl/pkg/writer/envoy/configdump/route.go). */
final class RouteText {
  private RouteText() {}

  static String render(
      List<ProxyConfig.RouteConfig> routes, boolean verbose, boolean withStatic, boolean gateway) {
    Table t = Table.istioctl();
    if (!verbose) {
      t.row("NAME", "VIRTUAL HOSTS");
      for (ProxyConfig.RouteConfig rc : routes) {
        t.row(rc.name(), String.valueOf(rc.virtualHosts().size()));
      }
      if (withStatic) {
        t.row("", "1");
        t.row("", "1");
      }
      return t.render();
    }
    t.row("NAME", "DOMAINS", "MATCH", "VIRTUAL SERVICE");
    for (ProxyConfig.RouteConfig rc : routes) {
      for (ProxyConfig.VirtualHost vh : rc.virtualHosts()) {
        String domains = domains(vh.domains());
        for (ProxyConfig.Route r : vh.routes()) {
          if (r.action() != null && r.action().outcome() == Outcome.PASSTHROUGH) {
            continue;
          }
          t.row(
              rc.name(),
              domains,
              match(r.match()),
              r.virtualService() == null ? "" : r.virtualService());
        }
        if (vh.routes().isEmpty()) {
          t.row(rc.name(), domains, "/*", "404");
        }
      }
    }
    if (withStatic) {
      // the static inbound routes of every proxy's Prometheus and health listeners
      t.row("", "*", "/stats/prometheus*", "");
      t.row("", "*", "/healthz/ready*", "");
    }
    return t.render();
  }

  /** describeRouteDomains: the shortest domain that does not start with a digit 1-9. */
  static String domains(List<String> domains) {
    if (domains.isEmpty()) {
      return "";
    }
    if (domains.size() == 1) {
      return domains.get(0);
    }
    String candidate = domains.get(0);
    for (String d : domains) {
      if (d.isEmpty() || (d.charAt(0) >= '1' && d.charAt(0) <= '9')) {
        continue;
      }
      if (d.length() < candidate.length()) {
        candidate = d;
      }
    }
    return candidate;
  }

  /** describeMatch: "prefix*", the exact path, or "regex RE". Header matches are not shown. */
  static String match(ProxyConfig.RouteMatch m) {
    if (m == null) {
      return "/*";
    }
    if (m.prefix() != null) {
      return m.prefix() + "*";
    }
    if (m.path() != null) {
      return m.path();
    }
    if (m.regex() != null) {
      return "regex " + m.regex();
    }
    return "";
  }
}
