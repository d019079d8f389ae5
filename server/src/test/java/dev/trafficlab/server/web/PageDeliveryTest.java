package dev.trafficlab.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.server.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How the pages and their static files travel: compressed, and cached as long as is safe. */
class PageDeliveryTest {
  private static final String STEP = "/lessons/traffic-management/steps/1";
  private static Vertx vertx;
  private static TestServer lab;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    lab = TestServer.start(vertx);
  }

  @AfterAll
  static void stop() {
    lab.close();
    vertx.close().await();
  }

  private static HttpResponse<Buffer> get(String path, String... headers) {
    var request = lab.request(HttpMethod.GET, path);
    for (int i = 0; i < headers.length; i += 2) {
      request.putHeader(headers[i], headers[i + 1]);
    }
    return request.send().await();
  }

  private static String page() {
    return get(STEP).bodyAsString();
  }

  private static String linked(String page, String pattern) {
    Matcher m = Pattern.compile(pattern).matcher(page);
    assertThat(m.find()).as("%s in the lesson page", pattern).isTrue();
    return m.group();
  }

  @Test
  void pagesScriptsAndStylesheetsAreGzippedForBrowsersThatAcceptIt() {
    String page = page();
    for (String path :
        new String[] {
          STEP,
          linked(page, "/static/js/app\\.js\\?v=[0-9a-f]+"),
          linked(page, "/static/css/app\\.css\\?v=[0-9a-f]+"),
          linked(page, "/webjars/htmx\\.org/[^\"]+\\.js")
        }) {
      HttpResponse<Buffer> plain = get(path);
      HttpResponse<Buffer> zipped = get(path, "Accept-Encoding", "gzip");
      assertThat(zipped.getHeader("Content-Encoding")).as(path).isEqualTo("gzip");
      assertThat(zipped.body().length())
          .as("%s gzipped against %d bytes plain", path, plain.body().length())
          .isLessThan(plain.body().length() / 2);
      assertThat(plain.getHeader("Content-Encoding")).as(path).isNull();
    }
  }

  @Test
  void browsersThatAcceptBrotliGetItAndItIsSmallerThanGzip() throws Exception {
    String page = page();
    for (String path : new String[] {STEP, linked(page, "/static/js/app\\.js\\?v=[0-9a-f]+")}) {
      HttpResponse<Buffer> plain = get(path);
      HttpResponse<Buffer> zipped = get(path, "Accept-Encoding", "gzip");
      HttpResponse<Buffer> br = get(path, "Accept-Encoding", "gzip, deflate, br");
      assertThat(br.getHeader("Content-Encoding")).as(path).isEqualTo("br");
      assertThat(br.body().length())
          .as("%s: brotli %d bytes, gzip %d", path, br.body().length(), zipped.body().length())
          .isLessThan(zipped.body().length());
      String decoded =
          new String(
              com.aayushatharva.brotli4j.decoder.Decoder.decompress(br.body().getBytes())
                  .getDecompressedData(),
              java.nio.charset.StandardCharsets.UTF_8);
      if (path.startsWith("/static/")) {
        assertThat(decoded).as(path).isEqualTo(plain.bodyAsString());
      } else {
        assertThat(decoded).as(path).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
      }
    }
  }

  @Test
  void stampedFilesAndWebjarsAreCachedForAYear() {
    String page = page();
    for (String path :
        new String[] {
          linked(page, "/static/js/app\\.js\\?v=[0-9a-f]+"),
          linked(page, "/static/css/app\\.css\\?v=[0-9a-f]+"),
          linked(page, "/webjars/htmx\\.org/[^\"]+\\.js")
        }) {
      HttpResponse<Buffer> r = get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(200);
      assertThat(r.getHeader("Cache-Control"))
          .as(path)
          .isEqualTo("public, max-age=31536000, immutable");
    }
  }

  @Test
  void anUnstampedOrStaleStampedFileIsRevalidatedAndA304CarriesNoBody() {
    for (String path : new String[] {"/static/favicon.svg", "/static/js/app.js?v=000000000000"}) {
      HttpResponse<Buffer> first = get(path);
      assertThat(first.statusCode()).as(path).isEqualTo(200);
      assertThat(first.getHeader("Cache-Control")).as(path).isEqualTo("no-cache");
      String etag = first.getHeader("ETag");
      assertThat(etag).as(path).isNotBlank();

      HttpResponse<Buffer> again = get(path, "If-None-Match", etag);
      assertThat(again.statusCode()).as(path).isEqualTo(304);
      assertThat(again.body()).as(path).isNull();
    }
  }

  @Test
  void aMissingOrEscapingStaticPathIs404() {
    assertThat(get("/static/nothing-here.js").statusCode()).isEqualTo(404);
    assertThat(get("/static/../webjars.properties").statusCode()).isEqualTo(404);
    assertThat(get("/static/%2e%2e/templates/lesson.html").statusCode()).isEqualTo(404);
    assertThat(get("/static/js/").statusCode()).isEqualTo(404);
  }

  @Test
  void theLessonPageLoadsNoCodeMirrorButNamesTheMinifiedEditorBundle() {
    String page = page();
    assertThat(page).doesNotContain("<script defer src=\"/webjars/codemirror");
    String script =
        linked(page, "/static/vendor/codemirror/codemirror-editor\\.min\\.js\\?v=[0-9a-f]+");
    String css = linked(page, "/static/vendor/codemirror/codemirror-editor\\.css\\?v=[0-9a-f]+");
    assertThat(page).contains("name=\"editor-script\" content=\"" + script + "\"");
    HttpResponse<Buffer> js = get(script);
    assertThat(js.statusCode()).isEqualTo(200);
    assertThat(js.getHeader("Content-Type")).startsWith("text/javascript");
    assertThat(js.bodyAsString()).contains("CodeMirror").doesNotContain("\n  function ");
    assertThat(get(css).getHeader("Cache-Control"))
        .isEqualTo("public, max-age=31536000, immutable");
  }
}
