package dev.trafficlab.server.api;

import dev.trafficlab.mesh.store.ApplyMode;
import dev.trafficlab.mesh.store.ApplyReport;
import dev.trafficlab.mesh.store.Cause;
import dev.trafficlab.mesh.store.Diagnostic;
import dev.trafficlab.mesh.store.DocumentResult;
import dev.trafficlab.server.http.BodyLimit;
import dev.trafficlab.server.http.ContentTypes;
import dev.trafficlab.server.http.HttpError;
import dev.trafficlab.server.http.JsonReply;
import dev.trafficlab.server.sandbox.Sandbox;
import dev.trafficlab.terminal.memory.MemoryLimitException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.regex.Pattern;

/** kubectl apply -f - and the editor's validate-as-you-type, on a sandbox's YAML or JSON text. */
final class ManifestEndpoints {
  /** A Kubernetes namespace name (DNS-1123 label). */
  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  private final SandboxLookup lookup;

  ManifestEndpoints(SandboxLookup lookup) {
    this.lookup = lookup;
  }

  void mount(ApiRouter api) {
    api.add(HttpMethod.POST, "/api/sandboxes/:id/apply", BodyLimit.MANIFEST_BYTES, this::apply);
    api.add(
        HttpMethod.POST, "/api/sandboxes/:id/validate", BodyLimit.MANIFEST_BYTES, this::validate);
  }

  private Future<?> apply(RoutingContext ctx) {
    Sandbox sandbox = lookup.write(ctx);
    ContentTypes.require(ctx, ContentTypes.MANIFEST);
    String namespace = namespace(ctx);
    String text = RequestBodies.text(ctx);
    if (text.isBlank()) {
      throw HttpError.badRequest("the request body is empty: send the YAML or JSON to apply");
    }
    // Parsing and validating a large manifest takes CPU time, and its answer may quote it: both are
    // done off the
    // event loop, in the sandbox's queue.
    return sandbox
        .serially(
            () -> {
              try {
                ApplyReport report =
                    sandbox.config().apply(text, namespace, "STDIN", ApplyMode.APPLY);
                return Future.succeededFuture(
                    new Encoded(report.ok() ? 200 : 422, toJson(report).toBuffer()));
              } catch (MemoryLimitException e) {
                return Future.<Encoded>failedFuture(
                    new HttpError(507, e.getMessage() + "; nothing was applied"));
              }
            })
        .compose(answer -> JsonReply.send(ctx, answer.status(), answer.body()));
  }

  private Future<?> validate(RoutingContext ctx) {
    Sandbox sandbox = lookup.read(ctx);
    ContentTypes.require(ctx, ContentTypes.MANIFEST);
    String namespace = namespace(ctx);
    String text = RequestBodies.text(ctx);
    // An empty editor has nothing wrong with it yet.
    if (text.isBlank()) {
      return JsonReply.send(ctx, 200, diagnostics(List.of()));
    }
    return sandbox
        .compute(() -> diagnostics(sandbox.config().validate(text, namespace)).toBuffer())
        .compose(body -> JsonReply.send(ctx, 200, body));
  }

  private record Encoded(int status, Buffer body) {}

  private static JsonObject diagnostics(List<Diagnostic> diagnostics) {
    JsonArray out = new JsonArray();
    for (Diagnostic d : diagnostics) {
      out.add(
          new JsonObject()
              .put("severity", d.severity().jsonName())
              .put("message", d.message())
              .put("line", d.line())
              .put("column", d.column()));
    }
    return new JsonObject().put("diagnostics", out);
  }

  private static String namespace(RoutingContext ctx) {
    List<String> values = ctx.queryParam("namespace");
    if (values.isEmpty()) {
      return "default";
    }
    String ns = values.get(0);
    if (!NAMESPACE.matcher(ns).matches()) {
      throw HttpError.badRequest(
          "invalid namespace \""
              + ApiRouter.shorten(ns)
              + "\": a namespace is at most 63 "
              + "lower-case letters, digits and '-', starting and ending with a letter or digit");
    }
    return ns;
  }

  static JsonObject toJson(ApplyReport report) {
    JsonArray results = new JsonArray();
    for (DocumentResult r : report.results()) {
      JsonArray causes = new JsonArray();
      if (r.failure() != null) {
        for (Cause c : r.failure().causes()) {
          causes.add(
              new JsonObject()
                  .put("message", c.message())
                  .put("line", c.line())
                  .put("column", c.column()));
        }
      }
      results.add(
          new JsonObject()
              .put("kind", r.kind())
              .put("name", r.name())
              .put("namespace", r.namespace())
              .put("action", r.action() == null ? null : r.action().jsonName())
              .put("reason", r.reason() == null ? null : r.reason().jsonName())
              .put("error", r.error())
              .put("causes", causes)
              .put("warnings", new JsonArray(List.copyOf(r.warnings())))
              .put("line", r.line())
              .put("column", r.column()));
    }
    return new JsonObject().put("output", report.output()).put("results", results);
  }
}
