package dev.trafficlab.server.lessons.checks;

import dev.trafficlab.mesh.routing.Decision;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies a clean-up: no VirtualService routes the listed services inside the mesh any more, so
 * each is back on its default route (round robin over all its pods). Gateway-bound VirtualServices
 * such as bookinfo, which the lesson start restores, do not route mesh traffic and so do not count.
 */
public record DefaultRoutingCheck(List<String> services) implements StateCheck {

  public DefaultRoutingCheck {
    services = List.copyOf(services);
  }

  static DefaultRoutingCheck fromJson(JsonObject json) {
    JsonArray list = json.getJsonArray("services");
    if (list == null || list.isEmpty()) {
      throw new IllegalArgumentException(
          "default-routing check needs a non-empty \"services\" list");
    }
    List<String> s = new ArrayList<>();
    list.forEach(x -> s.add(String.valueOf(x)));
    return new DefaultRoutingCheck(s);
  }

  @Override
  public CheckResult run(CheckContext context) {
    List<String> still = new ArrayList<>();
    for (String service : services) {
      Probe probe = Probe.of(service, null, null, null);
      Decision d;
      try {
        d = context.snapshot().routes().resolve(probe.request());
      } catch (RuntimeException ex) {
        return CheckResult.fail(
            "The lab could not work out the routing of " + service + ": " + ex.getMessage());
      }
      if (d.virtualService() != null) {
        still.add(service + " (VirtualService " + d.virtualService() + ")");
      }
    }
    if (!still.isEmpty()) {
      return CheckResult.fail(
          "Requests are still routed by a VirtualService for "
              + String.join(", ", still)
              + ": delete the rules to go back to the default routing.");
    }
    return CheckResult.pass(
        "No VirtualService routes "
            + String.join(", ", services)
            + " any more: every service is back on its default route.");
  }
}
