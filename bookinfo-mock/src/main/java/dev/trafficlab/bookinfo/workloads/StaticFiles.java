package dev.trafficlab.bookinfo.workloads;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** productpage's /static files, read once from the classpath (bookinfo/static/...). */
final class StaticFiles {
  private final Map<String, byte[]> files;

  StaticFiles() {
    this.files = Map.of("css/bookinfo.css", read("bookinfo/static/css/bookinfo.css"));
  }

  boolean serve(Inbound in, String path) {
    byte[] data = files.get(path);
    if (data == null) {
      return false;
    }
    String type = path.endsWith(".css") ? "text/css; charset=utf-8" : "application/octet-stream";
    in.request()
        .response()
        .putHeader("content-type", type)
        .putHeader("cache-control", "public, max-age=300")
        .end(io.vertx.core.buffer.Buffer.buffer(data));
    return true;
  }

  private static byte[] read(String resource) {
    try (InputStream s = StaticFiles.class.getClassLoader().getResourceAsStream(resource)) {
      if (s == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return s.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
