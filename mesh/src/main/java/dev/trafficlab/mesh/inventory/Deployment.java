package dev.trafficlab.mesh.inventory;

import java.util.Map;

/** A Deployment of the inventory: one replica, pod labels, container image. */
public record Deployment(
    String name,
    String namespace,
    Map<String, String> labels,
    String image,
    int replicas,
    String serviceAccount) {}
