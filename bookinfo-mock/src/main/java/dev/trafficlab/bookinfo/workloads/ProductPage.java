package dev.trafficlab.bookinfo.workloads;

import dev.trafficlab.bookinfo.Cookies;
import dev.trafficlab.bookinfo.sidecar.HopResult;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * productpage v1 (Python, Flask): calls details once (3 s timeout), then reviews up to twice (3 s
 * each, the deliberate bug of the fault-injection task), sequentially, and renders the page. The
 * signed-in user lives in the session cookie and goes out as the end-user header exactly as typed.
 */
final class ProductPage implements Workload {
  static final String HEALTH = "Product page is healthy";
  static final String DETAILS_UNAVAILABLE =
      "Sorry, product details are currently unavailable for this book.";
  static final String REVIEWS_UNAVAILABLE =
      "Sorry, product reviews are currently unavailable for this book.";
  static final String RATINGS_UNAVAILABLE =
      "Sorry, product ratings are currently unavailable for this book.";
  static final String SESSION_COOKIE = "session";

  /** Set by the lab's edge: the browser-facing prefix of this sandbox's page (/bookinfo/KEY). */
  static final String PREFIX_HEADER = "x-forwarded-prefix";

  static final long DETAILS_TIMEOUT_MS = 3_000;
  static final long REVIEWS_TIMEOUT_MS = 3_000;

  /**
   * Parsed service answers by body text; shared read-only (the page only reads them, the API
   * encodes them).
   */
  private static final RecentCache<String, JsonObject> PARSED = new RecentCache<>(16);

  /**
   * Pages by everything they are rendered from: the parsed answers are the cached instances above.
   */
  private static final RecentCache<PageKey, String> PAGES = new RecentCache<>(16);

  /**
   * A page's inputs, with the parsed answers compared by identity (equal text gives the same cached
   * object).
   */
  private record PageKey(ProductPageHtml.Model m) {
    @Override
    public boolean equals(Object o) {
      return o instanceof PageKey k
          && k.m.details() == m.details()
          && k.m.reviews() == m.reviews()
          && k.m.detailsStatus() == m.detailsStatus()
          && k.m.reviewsStatus() == m.reviewsStatus()
          && k.m.base().equals(m.base())
          && k.m.user().equals(m.user())
          && k.m.reviewsVersion().equals(m.reviewsVersion())
          && k.m.starColor().equals(m.starColor());
    }

    @Override
    public int hashCode() {
      return ((System.identityHashCode(m.details()) * 31 + System.identityHashCode(m.reviews()))
                      * 31
                  + m.base().hashCode())
              * 31
          + m.user().hashCode()
          + m.reviewsVersion().hashCode();
    }
  }

  private final AppClient client;
  private final StaticFiles statics;

  ProductPage(AppClient client, StaticFiles statics) {
    this.client = client;
    this.statics = statics;
  }

  /**
   * A service call's result as productpage.py sees it: status and parsed JSON (or its error
   * object).
   */
  record Fetched(int status, JsonObject json, HopResult hop) {}

  @Override
  public void handle(Inbound in) {
    String path = in.path();
    HttpMethod method = in.request().method();
    switch (path) {
      case "/health" -> in.reply(200, "text/html; charset=utf-8", HEALTH);
      case "/", "/index.html" ->
          in.reply(200, "text/html; charset=utf-8", IndexHtml.render(base(in)));
      case "/productpage" -> front(in);
      case "/login" -> {
        if (method == HttpMethod.POST) {
          login(in);
        } else {
          methodNotAllowed(in);
        }
      }
      case "/logout" -> logout(in);
      case "/api/v1/products" ->
          in.json(
              200,
              "[{\"id\": 0, \"title\": \""
                  + ProductPageHtml.TITLE
                  + "\", \"descriptionHtml\": \""
                  + ProductPageHtml.DESCRIPTION_HTML.replace("\"", "\\\"")
                  + "\"}]");
      default -> {
        if (path.startsWith("/api/v1/products/")) {
          api(in, path.substring("/api/v1/products/".length()));
        } else if (path.startsWith("/static/")
            && statics.serve(in, path.substring("/static/".length()))) {
          return;
        } else {
          notFound(in);
        }
      }
    }
  }

  private void front(Inbound in) {
    String user = user(in);
    MultiMap headers = Propagation.fromProductPage(in.request().headers(), user);
    details(in, headers, "0")
        .compose(d -> reviews(in, headers, "0").map(r -> new Fetched[] {d, r}))
        .onComplete(
            ar -> {
              if (ar.failed()) {
                internalError(in);
                return;
              }
              Fetched d = ar.result()[0];
              Fetched r = ar.result()[1];
              String version = "";
              String color = "";
              if (r.status() == 200 && r.hop() != null && r.hop().pod() != null) {
                version = r.hop().pod().version();
                color = java.util.Objects.requireNonNullElse(Reviews.starColor(version), "none");
              }
              ProductPageHtml.Model model =
                  new ProductPageHtml.Model(
                      base(in), user, d.status(), d.json(), r.status(), r.json(), version, color);
              // Only pages made of cached answers are memoised (error objects are new on every
              // request).
              String html =
                  d.status() == 200 && r.status() == 200
                      ? PAGES.get(new PageKey(model), k -> ProductPageHtml.render(k.m()))
                      : ProductPageHtml.render(model);
              in.reply(200, "text/html; charset=utf-8", html);
            });
  }

  private Future<Fetched> details(Inbound in, MultiMap headers, String id) {
    return client
        .get(in, "details", "/details/" + id, headers, DETAILS_TIMEOUT_MS)
        .map(hop -> fetched(hop, DETAILS_UNAVAILABLE));
  }

  /** The loop "for _ in range(2)": any non-200 answer or exception gets a second try. */
  private Future<Fetched> reviews(Inbound in, MultiMap headers, String id) {
    Promise<Fetched> p = Promise.promise();
    client
        .get(in, "reviews", "/reviews/" + id, headers, REVIEWS_TIMEOUT_MS)
        .onComplete(
            first -> {
              if (first.succeeded() && first.result().status() == 200) {
                complete(p, first.result(), REVIEWS_UNAVAILABLE);
                return;
              }
              client
                  .get(in, "reviews", "/reviews/" + id, headers, REVIEWS_TIMEOUT_MS)
                  .onComplete(
                      second -> {
                        if (second.succeeded()) {
                          complete(p, second.result(), REVIEWS_UNAVAILABLE);
                        } else {
                          p.complete(
                              new Fetched(
                                  500, new JsonObject().put("error", REVIEWS_UNAVAILABLE), null));
                        }
                      });
            });
    return p.future();
  }

  private static void complete(Promise<Fetched> p, HopResult hop, String error) {
    try {
      p.complete(fetched(hop, error));
    } catch (RuntimeException e) {
      p.fail(e);
    }
  }

  /**
   * res.json() on a 200 that is not JSON raises in productpage.py: the page then fails with a 500.
   */
  private static Fetched fetched(HopResult hop, String error) {
    if (hop.status() == 200) {
      return new Fetched(200, PARSED.get(hop.bodyText(), JsonObject::new), hop);
    }
    return new Fetched(
        hop.status() == 0 ? 500 : hop.status(), new JsonObject().put("error", error), hop);
  }

  private void api(Inbound in, String rest) {
    String user = user(in);
    MultiMap headers = Propagation.fromProductPage(in.request().headers(), user);
    Future<Fetched> f;
    if (rest.endsWith("/reviews")) {
      f = reviews(in, headers, rest.substring(0, rest.length() - "/reviews".length()));
    } else if (rest.endsWith("/ratings")) {
      f =
          client
              .get(
                  in,
                  "ratings",
                  "/ratings/" + rest.substring(0, rest.length() - "/ratings".length()),
                  headers,
                  3_000)
              .map(hop -> fetched(hop, RATINGS_UNAVAILABLE));
    } else if (!rest.contains("/")) {
      f = details(in, headers, rest);
    } else {
      notFound(in);
      return;
    }
    f.onComplete(
        ar -> {
          if (ar.failed()) {
            internalError(in);
          } else {
            in.json(ar.result().status(), ar.result().json().encode());
          }
        });
  }

  // ---- session ----

  private void login(Inbound in) {
    in.request()
        .body()
        .onComplete(
            ar -> {
              String user = ar.succeeded() ? formField(ar.result(), "username") : null;
              String cookiePath = cookiePath(in);
              String value =
                  user == null
                      ? ""
                      : Base64.getUrlEncoder()
                          .withoutPadding()
                          .encodeToString(user.getBytes(StandardCharsets.UTF_8));
              HttpServerResponse r = in.request().response();
              r.putHeader(
                  "set-cookie",
                  SESSION_COOKIE
                      + "="
                      + value
                      + "; Path="
                      + cookiePath
                      + "; HttpOnly; SameSite=Lax");
              redirect(in, backTo(in));
            });
  }

  private void logout(Inbound in) {
    in.request()
        .response()
        .putHeader(
            "set-cookie",
            SESSION_COOKIE
                + "=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; "
                + "Max-Age=0; Path="
                + cookiePath(in)
                + "; HttpOnly; SameSite=Lax");
    redirect(in, backTo(in));
  }

  static String user(Inbound in) {
    String raw = Cookies.value(in.request().getHeader("cookie"), SESSION_COOKIE);
    if (raw == null || raw.isEmpty()) {
      return "";
    }
    try {
      return new String(Base64.getUrlDecoder().decode(raw), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  static String formField(Buffer body, String name) {
    for (String pair : body.toString(StandardCharsets.UTF_8).split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      try {
        if (URLDecoder.decode(k, StandardCharsets.UTF_8).equals(name)) {
          return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        }
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return null;
  }

  /** The browser-facing prefix, or "" when the page is reached without the lab's edge. */
  static String prefix(Inbound in) {
    String p = in.request().getHeader(PREFIX_HEADER);
    if (p == null || !safePrefix(p)) {
      return "";
    }
    return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }

  /** "/" then up to 200 of [A-Za-z0-9_-/@.:] (checked by hand: this runs on every page). */
  static boolean safePrefix(String p) {
    int n = p.length();
    if (n < 1 || n > 201 || p.charAt(0) != '/') {
      return false;
    }
    for (int i = 1; i < n; i++) {
      char c = p.charAt(i);
      if (!((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '_'
          || c == '-'
          || c == '/'
          || c == '@'
          || c == '.'
          || c == ':')) {
        return false;
      }
    }
    // a page reached under a host name (/bookinfo/KEY@bookinfo.example.com), never a dot segment
    return !p.contains("/.");
  }

  static String base(Inbound in) {
    String p = prefix(in);
    return p.isEmpty() ? "" : p + "/";
  }

  private static String cookiePath(Inbound in) {
    return prefix(in) + "/";
  }

  /**
   * Flask redirects to the Referer; only a page of this same app is followed, anything else goes to
   * the page.
   */
  private static String backTo(Inbound in) {
    String prefix = prefix(in);
    String referer = in.request().getHeader("referer");
    if (referer != null) {
      try {
        URI u = new URI(referer);
        String path = u.getRawPath();
        if (path != null
            && path.startsWith(prefix + "/")
            && !path.contains("//")
            && !path.endsWith("/login")) {
          return path + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        }
      } catch (java.net.URISyntaxException e) {
        // fall through to the product page
      }
    }
    return prefix + "/productpage";
  }

  private static void redirect(Inbound in, String location) {
    String safe = Html.escape(location);
    in.request()
        .response()
        .setStatusCode(302)
        .putHeader("location", location)
        .putHeader("content-type", "text/html; charset=utf-8")
        .end(
            "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 3.2 Final//EN\">\n<title>Redirecting...</title>\n"
                + "<h1>Redirecting...</h1>\n<p>You should be redirected automatically to target URL: <a href=\""
                + safe
                + "\">"
                + safe
                + "</a>.  If not click the link.");
  }

  private static void notFound(Inbound in) {
    in.reply(
        404,
        "text/html; charset=utf-8",
        "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 3.2 Final//EN\">\n"
            + "<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server. "
            + "If you entered the URL manually please check your spelling and try again.</p>\n");
  }

  private static void methodNotAllowed(Inbound in) {
    in.request().response().putHeader("allow", "OPTIONS, POST");
    in.reply(
        405,
        "text/html; charset=utf-8",
        "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 3.2 Final//EN\">\n"
            + "<title>405 Method Not Allowed</title>\n<h1>Method Not Allowed</h1>\n"
            + "<p>The method is not allowed for the requested URL.</p>\n");
  }

  private static void internalError(Inbound in) {
    in.reply(
        500,
        "text/html; charset=utf-8",
        "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 3.2 Final//EN\">\n"
            + "<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>\n<p>The server encountered an "
            + "internal error and was unable to complete your request. Either the server is overloaded or there is an "
            + "error in the application.</p>\n");
  }
}
