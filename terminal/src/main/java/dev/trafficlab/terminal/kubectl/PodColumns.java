package dev.trafficlab.terminal.kubectl;

import java.util.List;
import java.util.Map;

/**
 * A pod's READY, STATUS and RESTARTS cells, computed from its status the way kubectl 1.19's pod
 * printer does: the first unfinished init container gives Init:N/M (or its waiting reason), then
 * the app containers' waiting or terminated reasons, and a deletion timestamp makes it Terminating.
 */
record PodColumns(String ready, String status, long restarts) {

  static PodColumns of(Map<String, Object> pod) {
    Map<String, Object> spec = KubeObject.Json.map(pod.get("spec"));
    Map<String, Object> status = KubeObject.Json.map(pod.get("status"));
    Map<String, Object> meta = KubeObject.Json.map(pod.get("metadata"));
    int total = KubeObject.Json.list(spec.get("containers")).size();
    int initTotal = KubeObject.Json.list(spec.get("initContainers")).size();
    String reason = KubeObject.Json.str(status.get("phase"));
    if (!KubeObject.Json.str(status.get("reason")).isEmpty()) {
      reason = KubeObject.Json.str(status.get("reason"));
    }
    long restarts = 0;
    int ready = 0;
    boolean initializing = false;
    List<?> inits = KubeObject.Json.list(status.get("initContainerStatuses"));
    for (int i = 0; i < inits.size(); i++) {
      Map<String, Object> c = KubeObject.Json.map(inits.get(i));
      restarts += KubeObject.Json.num(c.get("restartCount"));
      Map<String, Object> state = KubeObject.Json.map(c.get("state"));
      Map<String, Object> terminated = KubeObject.Json.map(state.get("terminated"));
      Map<String, Object> waiting = KubeObject.Json.map(state.get("waiting"));
      if (state.containsKey("terminated") && KubeObject.Json.num(terminated.get("exitCode")) == 0) {
        continue;
      }
      if (state.containsKey("terminated")) {
        String r = KubeObject.Json.str(terminated.get("reason"));
        reason =
            r.isEmpty()
                ? "Init:ExitCode:" + KubeObject.Json.num(terminated.get("exitCode"))
                : "Init:" + r;
      } else if (!KubeObject.Json.str(waiting.get("reason")).isEmpty()
          && !"PodInitializing".equals(waiting.get("reason"))) {
        reason = "Init:" + waiting.get("reason");
      } else {
        reason = "Init:" + i + "/" + initTotal;
      }
      initializing = true;
      break;
    }
    if (!initializing) {
      restarts = 0;
      boolean hasRunning = false;
      List<?> statuses = KubeObject.Json.list(status.get("containerStatuses"));
      for (int i = statuses.size() - 1; i >= 0; i--) {
        Map<String, Object> c = KubeObject.Json.map(statuses.get(i));
        restarts += KubeObject.Json.num(c.get("restartCount"));
        Map<String, Object> state = KubeObject.Json.map(c.get("state"));
        Map<String, Object> waiting = KubeObject.Json.map(state.get("waiting"));
        Map<String, Object> terminated = KubeObject.Json.map(state.get("terminated"));
        if (!KubeObject.Json.str(waiting.get("reason")).isEmpty()) {
          reason = KubeObject.Json.str(waiting.get("reason"));
        } else if (!KubeObject.Json.str(terminated.get("reason")).isEmpty()) {
          reason = KubeObject.Json.str(terminated.get("reason"));
        } else if (state.containsKey("terminated")) {
          reason = "ExitCode:" + KubeObject.Json.num(terminated.get("exitCode"));
        } else if (Boolean.TRUE.equals(c.get("ready")) && state.containsKey("running")) {
          hasRunning = true;
          ready++;
        }
      }
      if (reason.equals("Completed") && hasRunning) {
        reason = "Running";
      }
    }
    if (meta.get("deletionTimestamp") != null) {
      reason = "NodeLost".equals(status.get("reason")) ? "Unknown" : "Terminating";
    }
    return new PodColumns(ready + "/" + total, reason, restarts);
  }
}
