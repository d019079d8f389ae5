package dev.trafficlab.server.http;

import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;

/** Checks of the request's Content-Type, answering 415 with the types the endpoint takes. */
public final class ContentTypes {
  public static final List<String> JSON = List.of("application/json");

  /**
   * What apply and validate take: YAML by its common names, JSON (kubectl accepts it) and plain
   * text.
   */
  public static final List<String> MANIFEST =
      List.of(
          "application/yaml",
          "application/x-yaml",
          "text/yaml",
          "text/x-yaml",
          "application/json",
          "text/plain");

  /** What a file save takes: its text, as plain text or YAML. */
  public static final List<String> TEXT =
      List.of(
          "text/plain",
          "application/yaml",
          "application/x-yaml",
          "text/yaml",
          "text/x-yaml",
          "application/json",
          "application/octet-stream");

  private ContentTypes() {}

  /** The media type without parameters, lower case; null when the request has none. */
  public static String mediaType(RoutingContext ctx) {
    String header = ctx.request().getHeader("Content-Type");
    if (header == null || header.isBlank()) {
      return null;
    }
    int semicolon = header.indexOf(';');
    return (semicolon < 0 ? header : header.substring(0, semicolon))
        .trim()
        .toLowerCase(Locale.ROOT);
  }

  /**
   * Fails with 415 unless the Content-Type is one of {@code accepted} (or ends in +json when JSON
   * is accepted). A request without Content-Type passes: the body then has to parse as what the
   * endpoint expects.
   */
  public static void require(RoutingContext ctx, List<String> accepted) {
    String type = mediaType(ctx);
    if (type == null
        || accepted.contains(type)
        || (accepted.contains("application/json") && type.endsWith("+json"))) {
      return;
    }
    String expected =
        accepted.size() == 1
            ? accepted.get(0)
            : accepted.get(0)
                + " (or "
                + String.join(", ", accepted.subList(1, accepted.size()))
                + ")";
    String shown = type.length() > 80 ? type.substring(0, 80) + "..." : type;
    throw new HttpError(415, "unsupported Content-Type \"" + shown + "\": send " + expected);
  }
}
