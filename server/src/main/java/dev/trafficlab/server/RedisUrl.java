package dev.trafficlab.server;

import java.net.URI;
import java.net.URISyntaxException;

/** REDIS_URL: checked at start, so a typo stops the server with a message, not a stack trace. */
final class RedisUrl {
  private RedisUrl() {}

  /**
   * Throws a message naming the setting unless the URL is {@code
   * redis[s]://[user:pass@]host[:port][/db]}.
   */
  static void check(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw invalid(url);
    }
    if (!("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme()))
        || uri.getHost() == null
        || uri.getPort() > 65535) {
      throw invalid(url);
    }
  }

  private static IllegalArgumentException invalid(String url) {
    return new IllegalArgumentException(
        "REDIS_URL must look like redis://host:port, got \"" + withoutPassword(url) + "\"");
  }

  /** The URL as it may be printed: a password in it is replaced by stars. */
  static String withoutPassword(String url) {
    return url.replaceFirst("^([a-z]+://)([^@/]*)@", "$1***@");
  }
}
