package dev.trafficlab.server.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Reads a request body into memory only up to a limit: a declared Content-Length over it is refused
 * before any byte is read, a longer streamed body as soon as it passes the limit (413). Never
 * writes uploads to disk.
 */
public final class BodyLimit implements Handler<RoutingContext> {
  /** YAML to apply or validate, a file to save. The lesson's largest file is a few kilobytes. */
  public static final long MANIFEST_BYTES = 1024 * 1024;

  /**
   * JSON requests: a 10,000-character command fits even when every character is escaped as \\uXXXX.
   */
  public static final long JSON_BYTES = 128 * 1024;

  static final String LIMIT_KEY = "trafficlab.bodyLimit";

  private final long limit;
  private final BodyHandler delegate;

  public BodyLimit(long limit) {
    this.limit = limit;
    this.delegate = BodyHandler.create(false).setBodyLimit(limit).setMergeFormAttributes(false);
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.put(LIMIT_KEY, limit);
    delegate.handle(ctx);
  }
}
