package dev.trafficlab.mesh.analysis;

/**
 * Where a resource given to `istioctl analyze FILE...` was read from: the file name as typed and
 * the 1-based line of its document's first line. istioctl then prints the origin as
 * "(VirtualService reviews.default FILE:LINE)".
 */
public record SourceFile(String file, int line) {}
