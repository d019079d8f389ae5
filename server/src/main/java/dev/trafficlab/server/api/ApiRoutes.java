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
    return mount(router, sessions, shell, null);
  }

  /**
   * @param adminToken the admin API's bearer token; null: the admin API is not mounted at all
   */
  public static ApiRoutes mount(
      Router router, BrowserSessions sessions, Shell shell, String adminToken) {
    ApiRouter api = new ApiRouter(router);
    if (adminToken != null) {
      new AdminEndpoints(adminToken, sessions.sandboxes().lessons(), java.time.Clock.systemUTC())
          .mount(api);
    }
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
