package dev.trafficlab.mesh.routing;

import dev.trafficlab.mesh.model.HttpMatchRequest;
import dev.trafficlab.mesh.model.HttpRoute;
import dev.trafficlab.mesh.model.HttpRouteDestination;
import dev.trafficlab.mesh.model.Resource;
import dev.trafficlab.mesh.model.StringMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The origins of one rule's routes, with the sentences that explain them to the learner. */
final class RouteOrigins {
  private RouteOrigins() {}

  /**
   * One origin per match entry of {@code rule} (a single one, match null, for a rule without
   * match).
   *
   * @param vs the VirtualService written by the learner (the root one for delegated rules)
   * @param ruleIndex the rule's index in {@code vs}
   * @param rule the rule as compiled (after delegate merging)
   */
  static RouteOrigin[] origins(Resource vs, int ruleIndex, HttpRoute rule) {
    String ruleName =
        "Rule #" + ruleIndex + " of VirtualService " + vs.name() + "." + vs.namespace();
    String target = target(rule.route());
    if (rule.match().isEmpty()) {
      return new RouteOrigin[] {
        new RouteOrigin(
            vs.kind(),
            vs.namespace(),
            vs.name(),
            ruleIndex,
            null,
            ruleName + " (no match: it takes every request)" + target + ".")
      };
    }
    RouteOrigin[] out = new RouteOrigin[rule.match().size()];
    for (int j = 0; j < out.length; j++) {
      out[j] =
          new RouteOrigin(
              vs.kind(),
              vs.namespace(),
              vs.name(),
              ruleIndex,
              j,
              ruleName + ", match #" + j + ": " + describe(rule.match().get(j)) + target + ".");
    }
    return out;
  }

  /** The origin of a 404 on a host that {@code vs} claims when none of its rules matches. */
  static RouteOrigin noRule(Resource vs) {
    return new RouteOrigin(
        vs.kind(),
        vs.namespace(),
        vs.name(),
        null,
        null,
        "No rule of VirtualService "
            + vs.name()
            + "."
            + vs.namespace()
            + " matches: Envoy answers 404 (NR).");
  }

  private static String target(List<HttpRouteDestination> dests) {
    if (dests.size() > 1) {
      return "; weighted random pick: "
          + dests.stream()
              .map(d -> subset(d) + " " + (d.weight() == null ? 0 : d.weight()) + "%")
              .collect(Collectors.joining(", "));
    }
    return dests.size() == 1 ? "; all to " + subset(dests.get(0)) : "";
  }

  private static String subset(HttpRouteDestination d) {
    if (d.destination() == null) {
      return "?";
    }
    String s = d.destination().subset();
    return s == null || s.isEmpty() ? d.destination().host() : s;
  }

  private static String describe(HttpMatchRequest m) {
    if (m == null) {
      return "a match";
    }
    List<String> parts = new ArrayList<>();
    m.headers().forEach((k, v) -> parts.add("header " + k + " " + describe(v)));
    m.withoutHeaders().forEach((k, v) -> parts.add("no header " + k + " " + describe(v)));
    if (m.uri() != null) {
      parts.add("uri " + describe(m.uri()));
    }
    if (!m.sourceLabels().isEmpty()) {
      parts.add("sourceLabels " + m.sourceLabels());
    }
    return parts.isEmpty() ? "a match" : String.join(" and ", parts);
  }

  private static String describe(StringMatch s) {
    return switch (s.type()) {
      case EXACT -> "exact \"" + s.value() + "\"";
      case PREFIX -> "prefix \"" + s.value() + "\"";
      case REGEX -> "regex \"" + s.value() + "\"";
      case PRESENCE -> "present";
    };
  }
}
