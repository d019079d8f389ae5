package dev.trafficlab.server.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.MimeMapping;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Static files from a classpath folder, held in memory once read and answered from a buffer, so the
 * server's gzip applies (Vert.x does not compress what StaticHandler sends as a file). Each answer
 * carries an ETag, so a revalidation costs a 304 and no body; the Cache-Control header is {@link
 * CacheLifetimes}'s.
 */
final class StaticFiles {
  private final Vertx vertx;
  private final String mount;
  private final String root;

  /**
   * Shared by every event loop's router: the classpath is the same for all. Files, not futures: a
   * future completed on one Vert.x instance would run later callbacks on that instance's threads.
   */
  private static final Map<String, File> FILES = new ConcurrentHashMap<>();

  private record File(Buffer body, String contentType, String etag) {}

  /**
   * @param mount the URL prefix the route is mounted on ("/static/")
   * @param root the classpath folder it maps to ("static/")
   */
  StaticFiles(Vertx vertx, String mount, String root) {
    this.vertx = vertx;
    this.mount = mount;
    this.root = root;
  }

  void handle(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    if (!path.startsWith(mount) || path.endsWith("/") || path.contains("..")) {
      ctx.next();
      return;
    }
    String resource = root + path.substring(mount.length());
    file(resource)
        .onFailure(ctx::fail)
        .onSuccess(
            found -> {
              if (found.isEmpty()) {
                ctx.next();
              } else {
                send(ctx, found.get());
              }
            });
  }

  /**
   * Read on a worker thread, once per existing file; a missing one is not remembered, so unknown
   * URLs cannot fill the map.
   */
  private Future<Optional<File>> file(String resource) {
    File known = FILES.get(resource);
    if (known != null) {
      return Future.succeededFuture(Optional.of(known));
    }
    return vertx
        .executeBlocking(() -> read(resource), false)
        .onSuccess(found -> found.ifPresent(file -> FILES.putIfAbsent(resource, file)));
  }

  private static Optional<File> read(String resource) {
    try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        return Optional.empty();
      }
      byte[] bytes = in.readAllBytes();
      String etag =
          "\""
              + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 12)
              + "\"";
      String type = MimeMapping.mimeTypeForFilename(resource);
      if (type == null) {
        type = "application/octet-stream";
      } else if (type.startsWith("text/") || type.endsWith("javascript") || type.endsWith("+xml")) {
        type += ";charset=UTF-8";
      }
      return Optional.of(new File(Buffer.buffer(bytes), type, etag));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void send(RoutingContext ctx, File file) {
    var response = ctx.response();
    response.putHeader(HttpHeaders.ETAG, file.etag());
    response.putHeader(HttpHeaders.VARY, "accept-encoding");
    if (file.etag().equals(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
      response.setStatusCode(304).end();
      return;
    }
    response.putHeader(HttpHeaders.CONTENT_TYPE, file.contentType()).end(file.body());
  }
}
