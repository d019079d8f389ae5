package dev.trafficlab.mesh.model;

/** A root rule's delegate: the VirtualService whose rules apply under this rule's match. */
public record Delegate(String name, String namespace, Pos pos) {}
