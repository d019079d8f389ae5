package dev.trafficlab.mesh.model;

/** A weighted destination of an http route; weight is null when not written. */
public record HttpRouteDestination(
    Destination destination, Integer weight, Headers headers, Pos pos) {}
