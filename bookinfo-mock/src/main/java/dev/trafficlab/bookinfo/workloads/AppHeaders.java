package dev.trafficlab.bookinfo.workloads;

import dev.trafficlab.mesh.inventory.Pod;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The request headers as the application behind the destination's sidecar receives them: what the
 * caller's Envoy sent, plus what the inbound Envoy adds on an mTLS connection (Istio 1.8's auto
 * mTLS between two sidecars): the client's identity in X-Forwarded-Client-Cert and a child span of
 * the trace. A request from a pod without a sidecar arrives as the caller sent it.
 */
final class AppHeaders {
  private AppHeaders() {}

  static MultiMap of(Inbound in) {
    MultiMap h = MultiMap.caseInsensitiveMultiMap().addAll(in.request().headers());
    if (!in.fromEnvoy()) {
      return h;
    }
    if (!h.contains("content-length") && !h.contains("transfer-encoding")) {
      // Envoy's HTTP/1 codec sends a zero length on a request without a body.
      h.set("content-length", "0");
    }
    Pod caller = in.caller();
    Pod pod = in.pod();
    if (pod.sidecar()) {
      String span = h.get("x-b3-spanid");
      if (span != null) {
        h.set("x-b3-parentspanid", span);
        h.set("x-b3-spanid", hex16());
      }
      h.set(
          "x-forwarded-client-cert",
          "By="
              + spiffe(pod)
              + ";Hash="
              + sha256(caller.name())
              + ";Subject=\"\";URI="
              + spiffe(caller));
    }
    return h;
  }

  static String spiffe(Pod p) {
    String sa =
        p.serviceAccount() == null || p.serviceAccount().isEmpty() ? "default" : p.serviceAccount();
    return "spiffe://cluster.local/ns/" + p.namespace() + "/sa/" + sa;
  }

  /** Stands for the digest of the client certificate: stable per client pod. */
  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex16() {
    return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
  }
}
