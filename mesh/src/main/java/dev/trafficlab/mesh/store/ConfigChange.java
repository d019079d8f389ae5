package dev.trafficlab.mesh.store;

import java.time.Instant;

/**
 * One published change of a sandbox's configuration, so views of traffic can tell the requests
 * routed by the rules in force from those routed before.
 *
 * @param revision the snapshot revision the change produced
 * @param at when it was published
 * @param what what changed, as kubectl words it ("reviews VirtualService configured")
 */
public record ConfigChange(long revision, Instant at, String what) {}
