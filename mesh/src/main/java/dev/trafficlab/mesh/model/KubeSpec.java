package dev.trafficlab.mesh.model;

/**
 * Spec of the read-only Kubernetes objects; their content lives in rawSpec (and in the inventory).
 */
public record KubeSpec() {}
