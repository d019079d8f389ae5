package dev.trafficlab.server.api;

import dev.trafficlab.server.http.ContentTypes;
import dev.trafficlab.server.http.HttpError;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Reads request bodies (already size-limited by BodyLimit) as text or JSON, with errors that name
 * the problem.
 */
final class RequestBodies {
  private RequestBodies() {}

  /** The body as UTF-8 text ("" when there is none); 400 when it is not UTF-8. */
  static String text(RoutingContext ctx) {
    Buffer buffer = ctx.body() == null ? null : ctx.body().buffer();
    if (buffer == null || buffer.length() == 0) {
      return "";
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(buffer.getBytes()))
          .toString();
    } catch (CharacterCodingException e) {
      throw HttpError.badRequest("the request body is not valid UTF-8 text");
    }
  }

  /**
   * The body as a JSON object, requiring a JSON Content-Type when one is given (415 otherwise).
   *
   * @param emptyAsObject true when an empty body means {}
   */
  static JsonObject jsonObject(RoutingContext ctx, boolean emptyAsObject) {
    String text = text(ctx);
    if (text.isBlank()) {
      if (emptyAsObject) {
        return new JsonObject();
      }
      ContentTypes.require(ctx, ContentTypes.JSON);
      throw HttpError.badRequest("the request body is empty: send a JSON object");
    }
    ContentTypes.require(ctx, ContentTypes.JSON);
    Object value;
    try {
      value = io.vertx.core.json.Json.decodeValue(text);
    } catch (DecodeException e) {
      throw HttpError.badRequest("the request body is not valid JSON");
    }
    if (!(value instanceof JsonObject object)) {
      throw HttpError.badRequest("the request body must be a JSON object");
    }
    return object;
  }

  /** 400 naming the first field that is not one of {@code allowed}. */
  static void onlyFields(JsonObject body, Set<String> allowed, List<String> ordered) {
    for (String name : body.fieldNames()) {
      if (!allowed.contains(name)) {
        throw HttpError.badRequest(
            "unknown field \""
                + ApiRouter.shorten(name)
                + "\": expected "
                + String.join(", ", ordered));
      }
    }
  }
}
