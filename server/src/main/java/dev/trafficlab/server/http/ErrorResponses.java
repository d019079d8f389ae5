package dev.trafficlab.server.http;

import dev.trafficlab.bookinfo.MeshBusyException;
import dev.trafficlab.bookinfo.MeshRequestException;
import dev.trafficlab.server.durable.VaultUnavailable;
import dev.trafficlab.server.sandbox.SandboxChangedElsewhere;
import dev.trafficlab.server.sandbox.SandboxNotSavedException;
import dev.trafficlab.server.sandbox.SandboxRateLimitedException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * Turns every failure into a status and a message meant for a person: {"error": "..."} for the API
 * and for clients that do not ask for HTML, a small page otherwise. A bug becomes 500 "internal
 * error"; its stack trace goes to the server log only.
 */
public final class ErrorResponses {
  /** A client that triggers one bug in a loop must not fill the disk with its stack traces. */
  private static final RateLimitedLog ERRORS =
      new RateLimitedLog(System.getLogger(ErrorResponses.class.getName()));

  private ErrorResponses() {}

  /** The API's failure handler: always JSON. */
  public static Handler<RoutingContext> json() {
    return ctx -> respond(ctx, false);
  }

  /**
   * The last-resort failure handler for every other path: HTML for browsers, JSON for everyone
   * else.
   */
  public static Handler<RoutingContext> any() {
    return ctx -> respond(ctx, wantsHtml(ctx));
  }

  private static boolean wantsHtml(RoutingContext ctx) {
    if (ctx.normalizedPath().startsWith("/api/")) {
      return false;
    }
    // A page refused for the rate limit is still a page: people see it, whatever their browser
    // claims to accept.
    String accept = ctx.request().getHeader("Accept");
    return ctx.failure() instanceof SandboxRateLimitedException
        || unavailable(ctx.failure()) != null
        || (accept != null && accept.contains("text/html"));
  }

  static void respond(RoutingContext ctx, boolean html) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    Failure failure = describe(ctx);
    if (response.headWritten()) {
      // Too late for a status: cut the connection so the client sees the answer is incomplete.
      response.reset();
      return;
    }
    failure.headers.forEach(response::putHeader);
    if (html) {
      response
          .setStatusCode(failure.status)
          .putHeader("Content-Type", "text/html; charset=utf-8")
          .putHeader("Cache-Control", "no-store")
          .end(
              "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Traffic Lab: error "
                  + failure.status
                  + "</title></head><body><h1>"
                  + failure.status
                  + "</h1><p id=\"error-message\">"
                  + escape(failure.message)
                  + "</p><p><a href=\"/\">Back to the lessons</a></p></body></html>");
    } else {
      JsonReply.error(ctx, failure.status, failure.message);
    }
  }

  private record Failure(int status, String message, Map<String, String> headers) {}

  private static Failure describe(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    int code = ctx.statusCode();
    if (failure instanceof HttpError e) {
      return new Failure(e.status(), e.getMessage(), e.headers());
    }
    if (failure instanceof SandboxRateLimitedException e) {
      return new Failure(
          429, e.getMessage(), Map.of("Retry-After", Long.toString(e.retryAfterSeconds())));
    }
    if (failure instanceof MeshBusyException e) {
      return new Failure(
          429, e.getMessage(), Map.of("Retry-After", Long.toString(e.retryAfterSeconds())));
    }
    if (failure instanceof SandboxChangedElsewhere e) {
      return new Failure(409, e.getMessage(), Map.of());
    }
    if (failure instanceof SandboxNotSavedException e) {
      ERRORS.log("sandbox store failed on " + ctx.normalizedPath(), e.getCause());
      return new Failure(503, e.getMessage(), Map.of("Retry-After", "5"));
    }
    VaultUnavailable away = unavailable(failure);
    if (away != null) {
      // Refused before anything changed: the store is away, so a short wait helps.
      return new Failure(503, away.getMessage(), Map.of("Retry-After", "2"));
    }
    if (failure instanceof MeshRequestException e) {
      return new Failure(400, e.getMessage(), Map.of());
    }
    if (failure instanceof DecodeException) {
      return new Failure(400, "the request body is not valid JSON", Map.of());
    }
    if (failure == null && code >= 400 && code < 500) {
      return new Failure(code, standardMessage(ctx, code), Map.of());
    }
    ERRORS.log("internal error on " + ctx.request().method() + " " + ctx.normalizedPath(), failure);
    return new Failure(500, "internal error", Map.of());
  }

  /** The store's absence, however deep a future chain wrapped it; null when that is not the why. */
  private static VaultUnavailable unavailable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof VaultUnavailable v) {
        return v;
      }
    }
    return null;
  }

  private static String standardMessage(RoutingContext ctx, int code) {
    return switch (code) {
      case 413 -> {
        Long limit = ctx.get(BodyLimit.LIMIT_KEY);
        yield limit == null
            ? "request body too large"
            : "request body too large: the limit is " + limit + " bytes";
      }
      case 404 -> "not found: " + ctx.normalizedPath();
      case 405 -> "method " + ctx.request().method() + " not allowed on " + ctx.normalizedPath();
      case 415 -> "unsupported Content-Type";
      case 400 -> "bad request";
      default -> "request refused (HTTP " + code + ")";
    };
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
