package dev.trafficlab.server.api;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * One API operation: answers the request, or fails (thrown or failed future) with what the failure
 * handler maps.
 */
@FunctionalInterface
interface Endpoint {
  Future<?> handle(RoutingContext ctx);
}
