package dev.trafficlab.server.http;

import java.util.Map;

/**
 * A request the server refuses, with the status and a message that names the problem; the failure
 * handler turns it into {"error": message}. No stack trace is captured: this is an answer, not a
 * bug.
 */
public final class HttpError extends RuntimeException {
  private final int status;
  private final Map<String, String> headers;

  public HttpError(int status, String message) {
    this(status, message, Map.of());
  }

  public HttpError(int status, String message, Map<String, String> headers) {
    super(message, null, false, false);
    this.status = status;
    this.headers = Map.copyOf(headers);
  }

  public int status() {
    return status;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public static HttpError badRequest(String message) {
    return new HttpError(400, message);
  }

  public static HttpError notFound(String message) {
    return new HttpError(404, message);
  }
}
