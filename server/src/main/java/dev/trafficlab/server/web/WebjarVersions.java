package dev.trafficlab.server.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * Versions of the front-end webjars, from the Maven-filtered webjars.properties, so pages build the
 * /webjars/ URLs (Vert.x 5 has no webjar locator) and a version bump in the pom needs no template
 * change.
 */
public record WebjarVersions(String htmx, String htmxSse, String codemirror) {

  public static WebjarVersions load() {
    Properties p = new Properties();
    try (InputStream in =
        WebjarVersions.class.getClassLoader().getResourceAsStream("webjars.properties")) {
      if (in == null) {
        throw new IllegalStateException("webjars.properties is missing from the classpath");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new WebjarVersions(
        required(p, "htmx"), required(p, "htmx-sse"), required(p, "codemirror"));
  }

  private static String required(Properties p, String key) {
    String v = p.getProperty(key);
    if (v == null || v.isBlank() || v.contains("${")) {
      throw new IllegalStateException(
          "webjars.properties has no resolved version for "
              + key
              + " (was the resource filtered by Maven?)");
    }
    return v.trim();
  }

  public Map<String, String> asMap() {
    return Map.of("htmx", htmx, "htmxSse", htmxSse, "codemirror", codemirror);
  }
}
