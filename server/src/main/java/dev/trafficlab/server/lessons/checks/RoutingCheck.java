package dev.trafficlab.server.lessons.checks;

import dev.trafficlab.mesh.routing.ClusterTarget;
import dev.trafficlab.mesh.routing.Decision;
import dev.trafficlab.mesh.routing.Outcome;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Verifies where requests go, by asking the route resolver about each expected request on the
 * learner's snapshot: e.g. jason's requests to reviews go 100% to v2 and everyone else's 100% to
 * v1, or a 50/50 split. Index form:
 * {"type":"routing","expect":[{"service":"reviews","user":"jason","versions":{"v2":100}}, ...]}.
 */
public record RoutingCheck(List<Expectation> expect) implements StateCheck {

  public RoutingCheck {
    expect = List.copyOf(expect);
  }

  /**
   * @param user the signed-in user (end-user header), or null for anonymous requests
   * @param versions expected percent per version, summing to 100
   */
  public record Expectation(
      String service, String user, String from, String path, Map<String, Integer> versions) {
    public Expectation {
      versions = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(versions));
    }
  }

  static RoutingCheck fromJson(JsonObject json) {
    JsonArray list = json.getJsonArray("expect");
    if (list == null || list.isEmpty()) {
      throw new IllegalArgumentException("routing check needs a non-empty \"expect\" list");
    }
    List<Expectation> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonObject e = list.getJsonObject(i);
      String service = e.getString("service");
      JsonObject versions = e.getJsonObject("versions");
      if (service == null || versions == null || versions.isEmpty()) {
        throw new IllegalArgumentException(
            "routing expectation #" + (i + 1) + " needs \"service\" and \"versions\"");
      }
      Map<String, Integer> v = new LinkedHashMap<>();
      versions.forEach(entry -> v.put(entry.getKey(), ((Number) entry.getValue()).intValue()));
      if (v.values().stream().mapToInt(Integer::intValue).sum() != 100) {
        throw new IllegalArgumentException(
            "routing expectation #" + (i + 1) + ": versions must add up to 100");
      }
      out.add(
          new Expectation(
              service, e.getString("user"), e.getString("from"), e.getString("path"), v));
    }
    return new RoutingCheck(out);
  }

  @Override
  public CheckResult run(CheckContext context) {
    List<String> failures = new ArrayList<>();
    List<String> passes = new ArrayList<>();
    for (Expectation e : expect) {
      Probe probe = Probe.of(e.service(), e.user(), e.from(), e.path());
      String subject = subject(e);
      Decision decision;
      try {
        decision = context.snapshot().routes().resolve(probe.request());
      } catch (RuntimeException ex) {
        return CheckResult.fail(
            "The lab could not work out the routing of " + e.service() + ": " + ex.getMessage());
      }
      Map<String, Double> actual = VersionShares.of(decision);
      if (VersionShares.same(actual, e.versions())) {
        passes.add(subject + " go to " + e.service() + " " + VersionShares.describe(e.versions()));
      } else {
        failures.add(
            subject
                + " still go to "
                + VersionShares.describe(actual)
                + ", not "
                + VersionShares.describe(e.versions())
                + ": "
                + reason(e, decision));
      }
    }
    if (!failures.isEmpty()) {
      return CheckResult.fail(capitalize(String.join("; ", failures)) + ".");
    }
    return CheckResult.pass("Well done: " + String.join("; ", passes) + ".");
  }

  private String subject(Expectation e) {
    if (e.user() != null) {
      return "requests to " + e.service() + " from " + e.user();
    }
    List<String> others =
        expect.stream()
            .filter(x -> x.service().equals(e.service()) && x.user() != null)
            .map(Expectation::user)
            .distinct()
            .toList();
    return others.isEmpty()
        ? "requests to " + e.service()
        : "requests to " + e.service() + " from everyone but " + String.join(" and ", others);
  }

  /** Why the resolver sends the request where it does, in the learner's terms. */
  static String reason(Expectation e, Decision d) {
    if (d.outcome() == Outcome.NO_ROUTE) {
      return "no rule of VirtualService "
          + d.virtualService()
          + " matches "
          + e.service()
          + " requests, so Envoy answers 404";
    }
    for (ClusterTarget t : d.destinations()) {
      if (t.weight() > 0 || d.destinations().size() == 1) {
        String subset = t.subset().isEmpty() ? "(no subset)" : t.subset();
        if (t.status() == Outcome.CLUSTER_NOT_FOUND) {
          return "subset "
              + subset
              + " of "
              + e.service()
              + " is not defined in any DestinationRule, so Envoy answers 503 (NC)";
        }
        if (t.status() == Outcome.NO_HEALTHY_UPSTREAM) {
          return "subset "
              + subset
              + " of "
              + e.service()
              + " selects no running pod, so Envoy answers 503 (UH)";
        }
      }
    }
    if (d.virtualService() == null) {
      return "no VirtualService routes "
          + e.service()
          + ", so Envoy spreads requests over every "
          + e.service()
          + " pod";
    }
    String rule = "rule #" + d.rule() + " of VirtualService " + d.virtualService();
    if (e.user() != null && d.match() == null) {
      return "no rule matches the end-user header (" + rule + " catches every request)";
    }
    return rule + (d.match() == null ? "" : " (match #" + d.match() + ")") + " sends them there";
  }

  private static String capitalize(String s) {
    Objects.requireNonNull(s);
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
