package dev.trafficlab.e2e;

/**
 * An error or warning the editor marks on a line (1-based), with Istio's or the parser's message.
 */
record Diagnostic(int line, String severity, String message) {}
