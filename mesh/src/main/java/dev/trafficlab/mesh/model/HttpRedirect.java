package dev.trafficlab.mesh.model;

/** redirect: uri replaces the whole path; redirectCode defaults to 301 when null. */
public record HttpRedirect(String uri, String authority, Integer redirectCode, Pos pos) {}
