package dev.trafficlab.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.openqa.selenium.json.Json;

/**
 * The sandbox JSON API, used where the browser is not what a test is about (setting up rules,
 * reading state). Talks only to the lab on loopback, without cookies, like a script would.
 */
final class LabApi {
  private static final Json JSON = new Json();

  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  LabApi(URI base) {
    this.base = base;
  }

  record CreatedSandbox(String id, String productPage) {}

  record Exec(String command, String output, int exitCode) {
    Exec requireSuccess() {
      if (exitCode != 0) {
        throw new AssertionError("`" + command + "` exited " + exitCode + ":\n" + output);
      }
      return this;
    }
  }

  record Resource(String kind, String namespace, String name) {}

  record Response(int status, String body) {
    Map<String, Object> json() {
      try {
        return JSON.toType(body, Json.MAP_TYPE);
      } catch (RuntimeException e) {
        throw new AssertionError("Expected a JSON object, got HTTP " + status + ": " + body, e);
      }
    }
  }

  CreatedSandbox createSandbox() {
    return create("{}");
  }

  /** A sandbox at the start state of the lesson in scenarios/{lesson}. */
  CreatedSandbox createSandbox(String lesson) {
    return create(JSON.toJson(Map.of("lesson", lesson)));
  }

  private CreatedSandbox create(String body) {
    Response r = post("/api/sandboxes", "application/json", body);
    if (r.status() != 201) {
      throw new AssertionError("POST /api/sandboxes answered " + r.status() + ": " + r.body());
    }
    Map<String, Object> json = r.json();
    return new CreatedSandbox((String) json.get("id"), (String) json.get("productPage"));
  }

  Exec exec(String sandboxId, String command) {
    Response r =
        post(
            "/api/sandboxes/" + sandboxId + "/exec",
            "application/json",
            JSON.toJson(Map.of("command", command)));
    if (r.status() != 200) {
      throw new AssertionError(
          "exec of `" + command + "` answered HTTP " + r.status() + ": " + r.body());
    }
    Map<String, Object> json = r.json();
    return new Exec(
        command,
        Objects.toString(json.get("output"), ""),
        ((Number) json.get("exitCode")).intValue());
  }

  /**
   * Applies a sample from the lesson assets, e.g. {@code virtual-service-all-v1.yaml}, as the
   * lesson does.
   */
  Exec applySample(String sandboxId, String networkingFile) {
    return exec(
            sandboxId, "kubectl apply -f $ISTIO_HOME/samples/bookinfo/networking/" + networkingFile)
        .requireSuccess();
  }

  /**
   * The sandbox's Istio resources (kind, namespace, name), as {@code GET /api/sandboxes/{id}} lists
   * them.
   */
  @SuppressWarnings("unchecked")
  List<Resource> resources(String sandboxId) {
    Response r = get("/api/sandboxes/" + sandboxId);
    if (r.status() != 200) {
      throw new AssertionError(
          "GET /api/sandboxes/" + sandboxId + " answered " + r.status() + ": " + r.body());
    }
    List<Map<String, Object>> list =
        (List<Map<String, Object>>) r.json().getOrDefault("resources", List.of());
    return list.stream()
        .map(
            m ->
                new Resource(
                    (String) m.get("kind"), (String) m.get("namespace"), (String) m.get("name")))
        .toList();
  }

  void delete(String sandboxId) {
    send(HttpRequest.newBuilder(base.resolve("/api/sandboxes/" + sandboxId)).DELETE());
  }

  Response get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET());
  }

  Response post(String path, String contentType, String body) {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r =
          http.send(
              request.timeout(Duration.ofSeconds(60)).build(),
              HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new AssertionError("The lab did not answer " + request.build().uri() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted", e);
    }
  }
}
