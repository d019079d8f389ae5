package dev.trafficlab.terminal.istioctl;

import dev.trafficlab.mesh.inventory.Pod;
import dev.trafficlab.mesh.inventory.Service;
import dev.trafficlab.mesh.model.DestinationRuleSpec;
import dev.trafficlab.mesh.model.HttpRoute;
import dev.trafficlab.mesh.model.HttpRouteDestination;
import dev.trafficlab.mesh.model.Resource;
import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.mesh.model.VirtualServiceSpec;
import dev.trafficlab.mesh.store.Snapshot;
import dev.trafficlab.terminal.Invocation;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * istioctl x describe pod (1.8): the pod's service, the DestinationRule and VirtualService that
 * apply to it, which subsets select the pod, and how the VirtualService's routes use them.
 */
final class DescribePod {
  private DescribePod() {}

  static Future<Integer> run(Invocation inv, String ref, String ns) {
    Snapshot s = inv.ctx().config().current();
    Optional<Pod> found = PodRef.find(s, ref, ns);
    if (found.isEmpty()) {
      String name = ref.contains(".") ? ref.substring(0, ref.indexOf('.')) : ref;
      inv.eprintln("Error: pods \"" + name + "\" not found");
      return Invocation.exit(1);
    }
    Pod pod = found.get();
    StringBuilder out = new StringBuilder();
    out.append("Pod: ").append(pod.name()).append('\n');
    boolean sidecar = !pod.namespace().equals("istio-system");
    String app = pod.app();
    out.append("   Pod Ports: ")
        .append(sidecar ? "9080 (" + app + "), 15090 (istio-proxy)" : "15021 (istio-proxy)")
        .append('\n');
    List<Service> services =
        s.inventory().services().stream()
            .filter(
                svc ->
                    svc.namespace().equals(pod.namespace())
                        && pod.labels().entrySet().containsAll(svc.selector().entrySet()))
            .toList();
    if (services.isEmpty()) {
      out.append("Suggestion: add a Service that selects this pod").append('\n');
    }
    for (Service svc : services) {
      out.append("--------------------\n");
      out.append("Service: ").append(svc.name()).append('\n');
      for (Service.Port p : svc.ports()) {
        out.append("   Port: ")
            .append(p.name())
            .append(' ')
            .append(p.port())
            .append("/HTTP targets pod port ")
            .append(p.targetPort())
            .append('\n');
      }
      describeRules(out, s, svc, pod);
    }
    inv.print(out.toString());
    return Invocation.exit(0);
  }

  private static void describeRules(StringBuilder out, Snapshot s, Service svc, Pod pod) {
    String fqdn = svc.fqdn();
    Resource dr =
        s.list(ResourceKind.DESTINATION_RULE, null).stream()
            .filter(
                r ->
                    r.spec() instanceof DestinationRuleSpec d
                        && d.host() != null
                        && fqdn(d.host(), r.namespace()).equals(fqdn))
            .findFirst()
            .orElse(null);
    List<String> matching = new ArrayList<>();
    List<String> other = new ArrayList<>();
    if (dr != null) {
      DestinationRuleSpec d = (DestinationRuleSpec) dr.spec();
      out.append("DestinationRule: ")
          .append(dr.name())
          .append(" for \"")
          .append(d.host())
          .append("\"\n");
      for (DestinationRuleSpec.Subset sub : d.subsets()) {
        if (pod.labels().entrySet().containsAll(sub.labels().entrySet())) {
          matching.add(sub.name());
        } else {
          other.add(sub.name());
        }
      }
      out.append("   Matching subsets: ").append(String.join(",", matching)).append('\n');
      if (!other.isEmpty()) {
        out.append("      (Non-matching subsets ").append(String.join(",", other)).append(")\n");
      }
      out.append(
          d.trafficPolicy() == null || d.trafficPolicy().isEmpty()
              ? "   No Traffic Policy\n"
              : "   Traffic Policy: " + d.trafficPolicy().keySet() + "\n");
    }
    Resource vs =
        s.list(ResourceKind.VIRTUAL_SERVICE, null).stream()
            .filter(
                r ->
                    r.spec() instanceof VirtualServiceSpec v
                        && (v.gateways().isEmpty() || v.gateways().contains("mesh"))
                        && v.hosts().stream().anyMatch(h -> fqdn(h, r.namespace()).equals(fqdn)))
            .min(
                java.util.Comparator.comparing(
                    (Resource r) ->
                        r.meta().creationTimestamp() == null
                            ? java.time.Instant.EPOCH
                            : r.meta().creationTimestamp()))
            .orElse(null);
    if (vs == null) {
      return;
    }
    VirtualServiceSpec v = (VirtualServiceSpec) vs.spec();
    out.append("VirtualService: ").append(vs.name()).append('\n');
    int used = 0;
    for (HttpRoute rule : v.http()) {
      for (HttpRouteDestination dest : rule.route()) {
        String host = dest.destination() == null ? null : dest.destination().host();
        if (host == null || !fqdn(host, vs.namespace()).equals(fqdn)) {
          continue;
        }
        String subset = dest.destination().subset();
        if (subset == null || matching.contains(subset)) {
          used++;
          if (dest.weight() != null && rule.route().size() > 1) {
            out.append("   Weight ").append(dest.weight()).append("%\n");
          }
        } else if (subset != null && !matching.contains(subset) && !other.contains(subset)) {
          out.append("   WARNING: No destinations match pod subsets (checked 1 HTTP routes)\n");
          out.append("      Route to non-existent subset ").append(subset).append('\n');
        }
      }
    }
    if (used == 0 && !v.http().isEmpty()) {
      out.append("   WARNING: No destinations match pod subsets (checked ")
          .append(v.http().size())
          .append(" HTTP routes)\n");
      for (HttpRoute rule : v.http()) {
        for (HttpRouteDestination dest : rule.route()) {
          if (dest.destination() != null
              && dest.destination().subset() != null
              && !matching.contains(dest.destination().subset())) {
            out.append("      Route to non-matching subset ")
                .append(dest.destination().subset())
                .append(" for (everything)\n");
          }
        }
      }
    } else {
      out.append("   ").append(v.http().size()).append(" HTTP route(s)\n");
    }
  }

  private static String fqdn(String host, String ns) {
    return host.contains(".") ? host : host + "." + ns + ".svc.cluster.local";
  }

  static Map<String, String> labels(Pod p) {
    return p.labels();
  }
}
