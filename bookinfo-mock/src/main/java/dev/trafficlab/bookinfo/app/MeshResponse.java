package dev.trafficlab.bookinfo.app;

import java.util.Map;

/** What a caller got back from one request through its sidecar. */
public record MeshResponse(
    int status,
    Map<String, String> headers,
    String body,
    String responseFlags,
    String cluster,
    String subset,
    String upstreamPod,
    double durationMs) {}
