package dev.trafficlab.mesh.model;

/**
 * retries as written; absent fields are null (the 1.8 defaults are applied by route resolution).
 */
public record HttpRetry(
    Integer attempts,
    Long perTryTimeoutMs,
    String retryOn,
    Boolean retryRemoteLocalities,
    Pos pos) {}
