package dev.trafficlab.mesh.model;

/** rewrite: uri replaces the matched prefix (or the whole path for an exact match). */
public record HttpRewrite(String uri, String authority, Pos pos) {}
