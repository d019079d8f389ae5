package dev.trafficlab.mesh.model;

/** A route destination: host as written (short or FQDN), optional subset and port. */
public record Destination(String host, String subset, Integer port, Pos pos) {}
