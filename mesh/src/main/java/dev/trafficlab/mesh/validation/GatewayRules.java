package dev.trafficlab.mesh.validation;

import static dev.trafficlab.mesh.validation.Checks.child;
import static dev.trafficlab.mesh.validation.Checks.list;
import static dev.trafficlab.mesh.validation.Checks.lngOrZero;
import static dev.trafficlab.mesh.validation.Checks.pos;
import static dev.trafficlab.mesh.validation.Checks.strOrEmpty;
import static dev.trafficlab.mesh.validation.Checks.text;

import dev.trafficlab.mesh.yaml.YamlNode;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Istio 1.8's ValidateGateway and ValidateServiceEntry (the parts a Bookinfo learner can reach).
 */
final class GatewayRules {
  private GatewayRules() {}

  private static final Set<String> PROTOCOLS =
      Set.of(
          "HTTP",
          "HTTPS",
          "GRPC",
          "GRPC-WEB",
          "HTTP2",
          "MONGO",
          "REDIS",
          "MYSQL",
          "TCP",
          "TLS",
          "UDP",
          "THRIFT");

  static void gateway(Checks c, YamlNode spec, String name) {
    if (!Checks.isDns1123Label(name)) {
      c.add("invalid gateway name: \"" + name + "\"", spec.pos());
    }
    List<YamlNode> servers = list(spec, "servers");
    if (servers.isEmpty()) {
      c.add("gateway must have at least one server", spec.pos());
    }
    for (YamlNode server : servers) {
      List<YamlNode> hosts = list(server, "hosts");
      if (hosts.isEmpty()) {
        c.add("server config must contain at least one host", server.pos());
      }
      for (YamlNode h : hosts) {
        c.add(serverHost(text(h), h));
      }
      YamlNode port = child(server, "port");
      if (port == null) {
        c.add("port is required", server.pos());
      } else {
        String protocol = strOrEmpty(port, "protocol");
        if (!PROTOCOLS.contains(protocol.toUpperCase(Locale.ROOT))) {
          c.add(
              "invalid protocol \""
                  + protocol
                  + "\", supported protocols are HTTP, HTTP2, GRPC, GRPC-WEB, MONGO, "
                  + "REDIS, MYSQL, TCP",
              pos(port, "protocol"));
        }
        long number = lngOrZero(port, "number");
        if (number > 0) {
          c.add(Checks.port(number, pos(port, "number")));
        }
        if (strOrEmpty(port, "name").isEmpty()) {
          c.add(
              "port name must be set: number:" + number + " protocol:\"" + protocol + "\"",
              port.pos());
        }
      }
    }
    Set<String> portNames = new HashSet<>();
    for (YamlNode server : servers) {
      YamlNode port = child(server, "port");
      if (port != null && !portNames.add(strOrEmpty(port, "name"))) {
        c.add(
            "port names in servers must be unique: duplicate name " + strOrEmpty(port, "name"),
            port.pos());
      }
    }
  }

  private static GoErr serverHost(String hostname, YamlNode node) {
    int slash = hostname.indexOf('/');
    String dnsName = hostname;
    GoErr errs = null;
    if (slash >= 0) {
      String ns = hostname.substring(0, slash);
      dnsName = hostname.substring(slash + 1);
      if (ns.isEmpty() || dnsName.isEmpty()) {
        errs =
            GoErr.append(
                errs,
                GoErr.of("config namespace and dnsName in host entry cannot be empty", node.pos()));
      }
      if (!ns.equals("*") && !ns.equals(".") && !Checks.isDns1123Label(ns)) {
        errs =
            GoErr.append(
                errs, GoErr.of("invalid namespace value \"" + ns + "\" in gateway", node.pos()));
      }
    }
    if (!dnsName.equals("*") && !dnsName.contains(".")) {
      errs = GoErr.append(errs, GoErr.of("short names (non FQDN) are not allowed", node.pos()));
    }
    String err = Checks.wildcardDomain(dnsName);
    if (err != null && !Checks.isIp(dnsName)) {
      errs = GoErr.append(errs, GoErr.of(err, node.pos()));
    }
    return errs;
  }

  static void serviceEntry(Checks c, YamlNode spec, String namespace) {
    List<YamlNode> hosts = list(spec, "hosts");
    if (hosts.isEmpty()) {
      c.add("service entry must have at least one host", spec.pos());
    }
    for (YamlNode h : hosts) {
      String host = text(h);
      if (host.equals("*")) {
        c.add("invalid host *", h.pos());
      } else {
        String err = Checks.wildcardDomain(host);
        if (err != null) {
          c.add(err, h.pos());
        }
      }
    }
    Set<String> names = new HashSet<>();
    Set<Long> numbers = new HashSet<>();
    for (YamlNode p : list(spec, "ports")) {
      String name = strOrEmpty(p, "name");
      long number = lngOrZero(p, "number");
      if (!names.add(name)) {
        c.add("service entry port name \"" + name + "\" already defined", p.pos());
      }
      if (!numbers.add(number)) {
        c.add("service entry port " + number + " already defined", p.pos());
      }
    }
    String resolution = strOrEmpty(spec, "resolution");
    if (resolution.equals("DNS") && list(spec, "endpoints").isEmpty()) {
      for (YamlNode h : hosts) {
        if (Checks.fqdn(text(h)) != null) {
          c.add("hosts must be FQDN if no endpoints are provided for resolution mode DNS", h.pos());
        }
      }
    }
    for (YamlNode p : list(spec, "ports")) {
      String name = strOrEmpty(p, "name");
      if (!Checks.isDns1123Label(name)) {
        c.add("invalid port name: " + name, pos(p, "name"));
      }
      String protocol = strOrEmpty(p, "protocol");
      if (!protocol.isEmpty() && !PROTOCOLS.contains(protocol.toUpperCase(Locale.ROOT))) {
        c.add("unsupported protocol: " + protocol, pos(p, "protocol"));
      }
      c.add(Checks.port(lngOrZero(p, "number"), pos(p, "number")));
    }
    c.add(Checks.exportTo(namespace, list(spec, "exportTo"), true));
  }
}
