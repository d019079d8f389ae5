package dev.trafficlab.mesh.routing;

import dev.trafficlab.mesh.model.ResourceKind;

/**
 * Where a compiled route came from, recorded when the route table is compiled: the object, the rule
 * and the match entry, and the sentence the learner reads about it. A request keeps the origin of
 * the route that carried it, so what the Traffic tab says is the rule as it was then, whatever has
 * been applied since.
 *
 * @param kind the kind of the object (a VirtualService)
 * @param namespace its namespace
 * @param name its name, which may contain dots ("reviews.route" is a valid name)
 * @param rule index of the http rule (the root VirtualService's rule for delegated rules); null for
 *     the 404 of a host the VirtualService claims when none of its rules matches
 * @param match index of the match entry within the rule; null when the rule has no match (or rule
 *     is null)
 * @param text what the learner sees: "Rule #0 of VirtualService reviews.default, match #0: header
 *     end-user exact "jason"; all to v2."
 */
public record RouteOrigin(
    ResourceKind kind, String namespace, String name, Integer rule, Integer match, String text) {

  /**
   * "name.namespace": how istioctl and Envoy's route metadata name the object (ambiguous for a
   * dotted name).
   */
  public String displayName() {
    return name + "." + namespace;
  }
}
