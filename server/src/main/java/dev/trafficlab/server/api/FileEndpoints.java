package dev.trafficlab.server.api;

import dev.trafficlab.server.http.BodyLimit;
import dev.trafficlab.server.http.ContentTypes;
import dev.trafficlab.server.http.HttpError;
import dev.trafficlab.server.http.JsonReply;
import dev.trafficlab.server.sandbox.Sandbox;
import dev.trafficlab.terminal.files.FileEntry;
import dev.trafficlab.terminal.files.FilesException;
import dev.trafficlab.terminal.files.SandboxFiles;
import dev.trafficlab.terminal.memory.MemoryLimitException;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** The editor's view of the sandbox files: the tree, a file's text, saving a file. */
final class FileEndpoints {
  private final SandboxLookup lookup;

  FileEndpoints(SandboxLookup lookup) {
    this.lookup = lookup;
  }

  void mount(ApiRouter api) {
    api.add(HttpMethod.GET, "/api/sandboxes/:id/files", 0, this::list);
    api.add(HttpMethod.GET, "/api/sandboxes/:id/files/content", 0, this::read);
    api.add(
        HttpMethod.PUT, "/api/sandboxes/:id/files/content", BodyLimit.MANIFEST_BYTES, this::write);
  }

  private Future<?> list(RoutingContext ctx) {
    Sandbox sandbox = lookup.read(ctx);
    JsonArray files = new JsonArray();
    for (FileEntry f : sandbox.observe(() -> sandbox.files().allFiles())) {
      files.add(entry(f));
    }
    return JsonReply.send(
        ctx, 200, new JsonObject().put("home", SandboxFiles.HOME).put("files", files));
  }

  private Future<?> read(RoutingContext ctx) {
    Sandbox sandbox = lookup.read(ctx);
    String path = path(ctx);
    JsonObject answer =
        sandbox.observe(
            () -> {
              try {
                return entry(sandbox.files().stat(path)).put("content", sandbox.files().read(path));
              } catch (FilesException e) {
                throw refusal(path, e);
              }
            });
    return JsonReply.send(ctx, 200, answer);
  }

  private Future<?> write(RoutingContext ctx) {
    Sandbox sandbox = lookup.write(ctx);
    ContentTypes.require(ctx, ContentTypes.TEXT);
    String path = path(ctx);
    String content = RequestBodies.text(ctx);
    return sandbox
        .serially(
            () -> {
              try {
                sandbox.files().write(path, content);
                return Future.succeededFuture(entry(sandbox.files().stat(path)));
              } catch (FilesException e) {
                return Future.<JsonObject>failedFuture(refusal(path, e));
              } catch (MemoryLimitException e) {
                return Future.<JsonObject>failedFuture(
                    new HttpError(507, ApiRouter.shorten(path) + ": " + e.getMessage()));
              }
            })
        .compose(entry -> JsonReply.send(ctx, 200, entry));
  }

  /**
   * The ?path= parameter as an absolute sandbox path (relative paths are taken from /root, the
   * home).
   */
  private static String path(RoutingContext ctx) {
    List<String> values = ctx.queryParam("path");
    if (values.isEmpty() || values.get(0).isBlank()) {
      throw HttpError.badRequest(
          "the path parameter is required, e.g. ?path=/root/istio-1.8.1/samples/bookinfo/"
              + "networking/virtual-service-all-v1.yaml");
    }
    String path = values.get(0);
    if (path.length() > 4096 || path.indexOf('\0') >= 0) {
      throw HttpError.badRequest("invalid path");
    }
    return SandboxFiles.resolve(SandboxFiles.HOME, path);
  }

  private static JsonObject entry(FileEntry f) {
    return new JsonObject()
        .put("path", f.path())
        .put("name", f.name())
        .put("directory", f.directory())
        .put("size", f.size())
        .put("modified", f.modified().toString())
        .put("changed", f.changed());
  }

  /** The shell's wording ("PATH: No such file or directory") with the status that fits. */
  private static HttpError refusal(String path, FilesException e) {
    String message = ApiRouter.shorten(path) + ": " + e.getMessage();
    return switch (e.getMessage()) {
      case FilesException.NO_SUCH_FILE -> HttpError.notFound(message);
      case FilesException.PERMISSION_DENIED -> new HttpError(403, message);
      case FilesException.TOO_LARGE ->
          new HttpError(413, message + " (the limit is " + SandboxFiles.MAX_FILE_BYTES + " bytes)");
      case FilesException.NO_SPACE ->
          new HttpError(
              507,
              message
                  + ": this sandbox's files hold too much; Reset "
                  + "restores the lesson files");
      default -> HttpError.badRequest(message);
    };
  }
}
