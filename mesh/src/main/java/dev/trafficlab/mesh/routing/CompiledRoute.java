package dev.trafficlab.mesh.routing;

/**
 * One Envoy route of a virtual host: the compiled match, the precomputed decision, and its
 * read-only view.
 */
record CompiledRoute(CompiledMatch match, Decision decision, ProxyConfig.Route view) {}
