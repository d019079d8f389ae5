package dev.trafficlab.server.api;

import dev.trafficlab.server.http.HttpError;
import dev.trafficlab.server.http.JsonReply;
import dev.trafficlab.server.lessons.Lesson;
import dev.trafficlab.server.lessons.LessonCatalog;
import dev.trafficlab.server.lessons.ScenarioUpload;
import dev.trafficlab.server.lessons.imports.ScenarioReport;
import dev.trafficlab.server.lessons.imports.ScenarioZip;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The admin API, mounted only when ADMIN_TOKEN is set: POST /api/admin/scenarios adds the scenarios
 * of an uploaded .zip to the catalogue. The bearer token is compared in constant time (digests of
 * both, compared with MessageDigest.isEqual); one upload is unpacked at a time, on a worker thread.
 */
final class AdminEndpoints {
  private final byte[] tokenDigest;
  private final LessonCatalog catalog;
  private final Clock clock;
  private final AtomicBoolean busy = new AtomicBoolean();

  AdminEndpoints(String token, LessonCatalog catalog, Clock clock) {
    this.tokenDigest = digest(token);
    this.catalog = catalog;
    this.clock = clock;
  }

  void mount(ApiRouter api) {
    api.add(
        HttpMethod.POST, "/api/admin/scenarios", ScenarioZip.MAX_COMPRESSED_BYTES, this::upload);
  }

  private Future<?> upload(RoutingContext ctx) {
    authorize(ctx);
    byte[] zip = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    if (zip.length == 0) {
      throw HttpError.badRequest("send the scenarios as a .zip in the request body");
    }
    if (!busy.compareAndSet(false, true)) {
      throw new HttpError(429, "another scenario upload is being read: send this one again soon");
    }
    return ctx.vertx()
        .executeBlocking(() -> ScenarioUpload.add(zip, catalog, clock))
        .onComplete(ar -> busy.set(false))
        .compose(
            added -> JsonReply.send(ctx, 201, json(added)),
            err -> {
              if (err instanceof ScenarioUpload.Refused refused) {
                return JsonReply.error(ctx, refused.status(), refused.getMessage());
              }
              return Future.failedFuture(err);
            });
  }

  private void authorize(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    String given =
        header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
            ? header.substring(7).strip()
            : "";
    if (!MessageDigest.isEqual(digest(given), tokenDigest)) {
      throw new HttpError(
          401,
          "the admin API needs the ADMIN_TOKEN as a bearer token (Authorization: Bearer ...)",
          Map.of("WWW-Authenticate", "Bearer"));
    }
  }

  private static JsonObject json(ScenarioUpload.Added added) {
    JsonArray lessons = new JsonArray();
    for (Lesson l : added.lessons()) {
      lessons.add(
          new JsonObject()
              .put("id", l.id())
              .put("title", l.title())
              .put("page", "/lessons/" + l.id())
              .put(
                  "report",
                  l.origin().imported().isPresent() ? "/lessons/" + l.id() + "/report" : null));
    }
    JsonArray reports = new JsonArray();
    for (ScenarioReport r : added.reports()) {
      reports.add(r.text());
    }
    return new JsonObject().put("lessons", lessons).put("reports", reports);
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JVM", e);
    }
  }
}
