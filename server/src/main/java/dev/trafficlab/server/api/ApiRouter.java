package dev.trafficlab.server.api;

import dev.trafficlab.server.http.BodyLimit;
import dev.trafficlab.server.http.ErrorResponses;
import dev.trafficlab.server.http.HttpError;
import dev.trafficlab.server.sandbox.SandboxChangedElsewhere;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Registers API endpoints on the app's router, each with its body limit, and remembers them so that
 * an unknown path answers 404 and a known path with the wrong method 405 (with Allow), both as
 * JSON.
 */
final class ApiRouter {
  private record Known(HttpMethod method, Pattern path) {}

  private final Router router;
  private final List<Known> known = new ArrayList<>();

  ApiRouter(Router router) {
    this.router = router;
    // Before any other failure handler: errors under /api are always JSON, whatever the pages do.
    router.route("/api/*").failureHandler(ErrorResponses.json());
  }

  void add(HttpMethod method, String path, long bodyLimit, Endpoint endpoint) {
    known.add(new Known(method, Pattern.compile(path.replaceAll(":[A-Za-z]+", "[^/]+"))));
    var route = router.route(method, path);
    if (method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH) {
      route.handler(new BodyLimit(bodyLimit));
    }
    route.handler(ctx -> run(ctx, endpoint));
  }

  private static void run(RoutingContext ctx, Endpoint endpoint) {
    Future<?> answer;
    try {
      answer = endpoint.handle(ctx);
    } catch (RuntimeException e) {
      ctx.fail(e);
      return;
    }
    answer.onFailure(
        err -> {
          if (ctx.response().ended()) {
            return;
          }
          int tries = ctx.get(RETRIED, 0);
          if (err instanceof SandboxChangedElsewhere && tries < MAX_RETRIES) {
            // The stale copy is dropped: routed again, the request finds the latest state (the
            // body is kept) and the learner never sees the race. Again while other changes to
            // the same sandbox keep winning the turn, but not forever.
            ctx.put(RETRIED, tries + 1);
            ctx.reroute(ctx.request().method(), ctx.request().uri());
            return;
          }
          ctx.fail(err);
        });
  }

  private static final String RETRIED = "trafficlab.retriedOnLatestCopy";

  /** Each retry waits for the turn another server held; ten in a row is a sandbox under siege. */
  private static final int MAX_RETRIES = 10;

  /** The catch-all after every route (including routes others add under /api later). */
  void finish() {
    router.route("/api/*").last().handler(this::unknown);
  }

  private void unknown(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    TreeSet<String> allowed = new TreeSet<>();
    for (Known k : known) {
      if (k.path().matcher(path).matches()) {
        allowed.add(k.method().name());
      }
    }
    if (allowed.isEmpty()) {
      ctx.fail(
          new HttpError(
              404,
              "no API endpoint "
                  + ctx.request().method()
                  + " "
                  + shorten(path)
                  + " (see docs/api.md)"));
    } else {
      ctx.fail(
          new HttpError(
              405,
              "method "
                  + ctx.request().method()
                  + " is not allowed on "
                  + shorten(path)
                  + ": use "
                  + String.join(" or ", allowed),
              Map.of("Allow", String.join(", ", allowed))));
    }
  }

  static String shorten(String text) {
    return text.length() > 120 ? text.substring(0, 120) + "..." : text;
  }
}
