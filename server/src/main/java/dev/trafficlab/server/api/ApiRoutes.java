package dev.trafficlab.server.api;

import dev.trafficlab.server.http.BrowserSessions;
import dev.trafficlab.terminal.Shell;
import io.vertx.ext.web.Router;

/** Every JSON endpoint under /api (documented in docs/api.md). */
public final class ApiRoutes {
  private final ApiRouter api;

  private ApiRoutes(ApiRouter api) {
    this.api = api;
  }

  /**
   * Mounts the API; call {@link #finish()} after every other route so unknown /api paths answer
   * JSON 404/405.
   */
  public static ApiRoutes mount(Router router, BrowserSessions sessions, Shell shell) {
    ApiRouter api = new ApiRouter(router);
    SandboxLookup lookup = new SandboxLookup(sessions);
    new SandboxEndpoints(lookup).mount(api);
    new ManifestEndpoints(lookup).mount(api);
    new MeshEndpoints(lookup).mount(api);
    new ExecEndpoint(lookup, shell).mount(api);
    new TrafficEndpoint(lookup).mount(api);
    new FileEndpoints(lookup).mount(api);
    new LessonEndpoints(lookup).mount(api);
    return new ApiRoutes(api);
  }

  public void finish() {
    api.finish();
  }
}
